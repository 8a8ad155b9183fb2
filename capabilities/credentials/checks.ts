import type { CheckContext } from "../../config/capability-config";
import type { ConfigIssue } from "../../config/issues";
import { prodMinimum } from "../../config/profiles";
import { isObject, isString, type Raw } from "../../config/raw";
import { dataServiceNames, type DataServiceName } from "../../platform/data-services";
import { cluster } from "../cluster";
import { gitops } from "../gitops";
import { kafka } from "../kafka";
import { postgres } from "../postgres";
import { redis } from "../redis";
import { MIN_PROD_REPLICAS } from "./defaults";
import { credentialsSecretName } from "./names";
import { credentialsNeeded, type CredentialsNeeds } from "./resolve";
import { credentialVariableNames } from "./sources";

/**
 * The credentials capability's checks, on the raw config (read defensively): HA in prod; per-layer settings
 * that name real layers using a data service; rotation of a service some layer uses; the store's role and
 * region on an existing cluster; a layer's own variables and Secrets must not take the names Strata's
 * delivery uses. Like a data service's section, a `credentials` section in a stack that deploys none of it is
 * read by nothing (the checks of what would be deployed do not run).
 */

const objectAt = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

/** The data services the stack deploys (those whose config resolved to a spec). */
export function deployedDataServices(context: Pick<CheckContext, "resolved">): DataServiceName[] {
  const specs: Record<DataServiceName, unknown> = { kafka: context.resolved.of(kafka), postgres: context.resolved.of(postgres), redis: context.resolved.of(redis) };
  return dataServiceNames.filter((s) => specs[s] !== undefined);
}

function declaredBy(layer: unknown, deployed: DataServiceName[]): DataServiceName[] {
  const services = isObject(layer) && isObject(layer.dataServices) ? layer.dataServices : {};
  return deployed.filter((s) => services[s] !== undefined);
}

function needsOf(context: CheckContext, deployed: DataServiceName[]): CredentialsNeeds {
  return {
    dataServices: deployed,
    secretEnv: context.layers.some((l) => isObject(l) && isObject(l.secretEnv) && Object.keys(l.secretEnv).length > 0),
    externalSecrets: objectAt(context.raw, "secrets").externalSecrets === true,
  };
}

/** Whether Strata makes the Secrets Manager store: the store is a ClusterSecretStore and some namespace reads it. */
function makesStore(context: CheckContext, needs: CredentialsNeeds): boolean {
  const kind = context.resolved.of(gitops)?.secretStore.kind;
  return kind === "ClusterSecretStore" && (needs.secretEnv || needs.dataServices.includes("redis"));
}

export function credentialsIssues(context: CheckContext): ConfigIssue[] {
  const raw = context.raw;
  const config = objectAt(raw, "credentials");
  const deployed = deployedDataServices(context);
  const needs = needsOf(context, deployed);
  const issues: ConfigIssue[] = [...layerNameIssues(context.layers, deployed)];
  if (!credentialsNeeded(needs)) return issues;
  // One of each operator pod may be drained while the other serves.
  if (context.profile === "prod") issues.push(...prodMinimum("credentials.replicas", config.replicas, MIN_PROD_REPLICAS, "of each External Secrets pod"));
  issues.push(...perLayerIssues(objectAt(config, "layers"), context.layers, deployed));
  const rotation = objectAt(config, "rotation");
  if (rotation.postgres !== undefined && !context.layers.some((l) => declaredBy(l, deployed).includes("postgres"))) {
    issues.push({ path: "credentials.rotation.postgres", message: "no layer uses Postgres: there is no password to rotate" });
  }
  issues.push(...storeIssues(objectAt(config, "secretsManager"), context, needs));
  return issues;
}

/** `credentials.layers.<name>`: a configured layer that uses a deployed data service. */
function perLayerIssues(layers: Raw, rawLayers: unknown[], deployed: DataServiceName[]): ConfigIssue[] {
  const byName = new Map(rawLayers.filter(isObject).filter((l) => isString(l.name)).map((l) => [l.name as string, l]));
  return Object.keys(layers).flatMap((name): ConfigIssue[] => {
    const layer = byName.get(name);
    if (!layer) return [{ path: `credentials.layers.${name}`, message: `"${name}" is not a layer; layers are: ${[...byName.keys()].join(", ")}` }];
    if (!declaredBy(layer, deployed).length) return [{ path: `credentials.layers.${name}`, message: `layer "${name}" uses no data service: no credentials are delivered to it` }];
    return [];
  });
}

/** The store's role and region: given on an existing cluster (Strata makes no IAM role there), never in EKS mode. */
function storeIssues(secretsManager: Raw, context: CheckContext, needs: CredentialsNeeds): ConfigIssue[] {
  const mode = context.resolved.of(cluster)?.mode;
  if (mode === "eks" && secretsManager.roleArn !== undefined) {
    return [{ path: "credentials.secretsManager.roleArn", message: "in EKS mode Strata makes the store's role itself (IRSA); roleArn is for existing clusters" }];
  }
  if (mode !== "existing" || !makesStore(context, needs)) return [];
  const issues: ConfigIssue[] = [];
  if (secretsManager.roleArn === undefined) {
    issues.push({
      path: "credentials.secretsManager.roleArn",
      message: "an existing cluster gets no AWS resources from Strata: name the IAM role the Secrets Manager store assumes (trusting the external-secrets namespace's strata-secrets-manager service account)",
    });
  }
  if (secretsManager.region === undefined && context.awsRegion === undefined) {
    issues.push({ path: "credentials.secretsManager.region", message: "Secrets Manager's region is needed for an existing cluster: set it here or set aws:region" });
  }
  return issues;
}

/**
 * A layer's own variables (`env`, `secretEnv`) must not take a name the delivery of a data service it uses
 * sets, and its `secretEnv` must not read its own credential Secret under a name Strata writes.
 */
function layerNameIssues(layers: unknown[], deployed: DataServiceName[]): ConfigIssue[] {
  return layers.flatMap((layer, i): ConfigIssue[] => {
    if (!isObject(layer)) return [];
    const issues: ConfigIssue[] = [];
    for (const service of declaredBy(layer, deployed)) {
      const taken = new Set(credentialVariableNames(service));
      for (const key of ["env", "secretEnv"] as const) {
        const vars = isObject(layer[key]) ? (layer[key] as Raw) : {};
        for (const name of Object.keys(vars).filter((v) => taken.has(v))) {
          issues.push({ path: `layers[${i}].${key}.${name}`, message: `${name} is set by Strata from ${credentialsSecretName(service)} (the layer uses ${service}): choose another name` });
        }
      }
      const secretEnv = isObject(layer.secretEnv) ? layer.secretEnv : {};
      for (const [name, entry] of Object.entries(secretEnv)) {
        if (isObject(entry) && entry.secret === credentialsSecretName(service)) {
          issues.push({ path: `layers[${i}].secretEnv.${name}.secret`, message: `"${credentialsSecretName(service)}" is the Secret Strata writes ${service}'s credentials to: read its keys through the ${service.toUpperCase()}_* variables, or name another Secret` });
        }
      }
    }
    return issues;
  });
}
