import type * as pulumi from "@pulumi/pulumi";
import type { LayerObjectsContext } from "../capability";
import { defineCapability, pulumiSdk } from "../capability";
import { cluster } from "../cluster";
import { gitops } from "../gitops";
import { kafka } from "../kafka";
import { postgres } from "../postgres";
import { redis } from "../redis";
import { secrets } from "../secrets";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceNames, type DataServiceName } from "../../platform/data-services";
import { applicationLayerNames } from "../../manifests/layer-names";
import { credentialsIssues } from "./checks";
import { credentialsProfileDefaults } from "./defaults";
import type { Credentials } from "./component";
import { credentialsDesiredState, planObjects, storeNamespaces, type CredentialsPlatform } from "./desired-state";
import { declaredServices, layerCredentialObjects } from "./layer-objects";
import { credentialsMountPath, credentialsSecretName, EXTERNAL_SECRETS_NAMESPACE, SECRETS_MANAGER_ROLE } from "./names";
import { externalSecretsPin, KUBECTL_IMAGE } from "./pins";
import { resolveCredentials } from "./resolve";
import { credentialsSchema } from "./schema";
import { credentialKeys, credentialsDirVariable, credentialSource } from "./sources";
import type { CredentialsSpec } from "./spec";

export type { Credentials, CredentialsArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const credentialsComponents = (): typeof import("./component") => require("./component");
export { containerCredentials, type ContainerCredentials } from "./env";
export { credentialsDesiredState, storeNamespaces, type CredentialsPlan, type CredentialsPlatform } from "./desired-state";
export { layerCredentialObjects } from "./layer-objects";
export * from "./names";
export { externalSecretsPin, KUBECTL_IMAGE } from "./pins";
export { secretsManagerPolicy } from "./secrets-manager";
export { credentialKeys, credentialSource, credentialVariableNames, type CredentialSource } from "./sources";
export { deliveryModes, type DeliveryMode } from "./schema";
export type { CredentialsSpec } from "./spec";

/** One data service's credentials as a layer reads them (the stack's `credentials.layers.<layer>.<service>`). */
export interface LayerCredentialOutputs {
  /** The layer's own namespace, where the Secret is. */
  namespace: string;
  /** The Secret (`<service>-credentials`) External Secrets keeps there. */
  secretName: string;
  /** Its keys: also the file names under `mountPath`. */
  keys: string[];
  /** Where the layer's container has it mounted. */
  mountPath: string;
  /** `env` (variables and files) or `file` (files only). */
  delivery: string;
  /** The variables its container gets (with `file` delivery, only `<SERVICE>_CREDENTIALS_DIR`). */
  variables: string[];
}

/** The stack's `credentials` output. */
export interface CredentialsOutputs {
  /** The External Secrets Operator's namespace. */
  namespace: string;
  /** The AWS Secrets Manager store Strata made, when it made one. */
  secretStore?: { kind: string; name: string; roleArn: string; namespaces: string[] };
  /** Per layer that uses a data service, per service. */
  layers: Record<string, Record<string, LayerCredentialOutputs>>;
}

/** What the capability's component gives the others: the release (CRDs, controller), the component, the outputs. */
export interface CredentialsHandle {
  component: Credentials;
  outputs: pulumi.Output<CredentialsOutputs>;
}

function platformOf(context: LayerObjectsContext): CredentialsPlatform {
  return {
    layers: context.platform.layers,
    placement: context.platform.placement,
    vpcCidr: context.resolved.of(cluster)!.vpcCidr,
    secretStore: context.resolved.of(gitops)!.secretStore,
  };
}

/** The remote keys the layers' `remoteRef`s name: the store's role may read these beside the stack's prefix. */
function remoteKeysOf(layers: ApplicationLayerSpec[]): string[] {
  return [...new Set(layers.flatMap((l) => Object.values(l.secretEnv).flatMap((e) => (e.remoteRef ? [e.remoteRef.key] : []))))].sort();
}

/** Each layer's credentials as the outputs list them. */
export function layerCredentialOutputs(layers: ApplicationLayerSpec[], spec: CredentialsSpec): Record<string, Record<string, LayerCredentialOutputs>> {
  const out: Record<string, Record<string, LayerCredentialOutputs>> = {};
  for (const layer of layers) {
    const services = declaredServices(layer, spec);
    if (!services.length) continue;
    const delivery = spec.delivery[layer.name] ?? "env";
    out[layer.name] = Object.fromEntries(
      services.map((service) => {
        const source = credentialSource(service, layer.name);
        const variables = [credentialsDirVariable(service), ...(delivery === "env" ? source.variables.map((v) => v.name) : [])];
        return [
          service,
          { namespace: applicationLayerNames(layer).namespace, secretName: credentialsSecretName(service), keys: credentialKeys(source), mountPath: credentialsMountPath(service), delivery, variables },
        ];
      }),
    );
  }
  return out;
}

/**
 * Credentials: the External Secrets Operator (chart 2.9.0, its CRDs), an AWS Secrets Manager ClusterSecretStore
 * whose IRSA role reads only the stack's keys, and in each layer's namespace, for each data service it
 * declares, a `<service>-credentials` Secret with what a client needs — synced from the data namespace by a
 * store only that layer's reader may use — mounted into its container and, by default, in `<SERVICE>_*`
 * variables; Postgres passwords rotated on a schedule. Deployed whenever a layer uses a data service or reads Secrets.
 */
export const credentials = defineCapability({
  name: "credentials",
  summary: "External Secrets Operator, an AWS Secrets Manager store, and each data service's credentials in the namespace of every layer that uses it",
  config: { key: "credentials", schema: credentialsSchema },
  defaults: credentialsProfileDefaults,
  needs: ["cluster", "kafka", "postgres", "redis", "secrets", "gitops"],
  namespaces: [{ name: EXTERNAL_SECRETS_NAMESPACE }],
  charts: [externalSecretsPin],
  // The operator runs its chart's default image (its appVersion: ghcr.io/external-secrets/external-secrets:v2.9.0); the rotation job pins kubectl.
  images: [KUBECTL_IMAGE],
  crdGroups: ["external-secrets.io", "generators.external-secrets.io"],
  checks: credentialsIssues,
  resolve: ({ input, profile, core, resolved }) => {
    const deployed: Record<DataServiceName, unknown> = { kafka: resolved.of(kafka), postgres: resolved.of(postgres), redis: resolved.of(redis) };
    return resolveCredentials(input, profile, core, {
      dataServices: dataServiceNames.filter((s) => deployed[s] !== undefined),
      secretEnv: core.spec.layers.some((l) => Object.keys(l.secretEnv).length > 0),
      externalSecrets: resolved.of(secrets)?.externalSecrets ?? false,
    });
  },
  desiredState(spec: CredentialsSpec, context) {
    const platform = platformOf(context);
    const plan = credentialsDesiredState(spec, platform, {
      region: spec.secretsManager.region ?? context.cloud.region(),
      roleArn: spec.secretsManager.roleArn ?? context.cloud.roleArn(SECRETS_MANAGER_ROLE),
    });
    return [{ name: "credentials", helmCharts: [plan.chart], objects: planObjects(plan) }];
  },
  layerObjects: (spec: CredentialsSpec, layer) => layerCredentialObjects(layer, spec),
  deploy(spec: CredentialsSpec, context): CredentialsHandle {
    const nodes = context.handle(cluster)!;
    const platform = platformOf(context);
    const handles = { kafka: context.handle(kafka), postgres: context.handle(postgres), redis: context.handle(redis) };
    const dataNamespaces = new Map<DataServiceName, pulumi.Resource>();
    for (const service of dataServiceNames) {
      const namespace = handles[service]?.resources.get(`Namespace/${service}`);
      if (namespace) dataNamespaces.set(service, namespace);
    }
    const component = new (credentialsComponents().Credentials)(
      "credentials",
      {
        spec,
        platform,
        remoteKeyPrefix: context.remoteKeyPrefix,
        remoteKeys: remoteKeysOf(platform.layers),
        cluster: nodes,
        provider: nodes.kubernetesProvider,
        awsProvider: context.awsProvider,
        awsRegion: context.awsRegion,
        workloadDependsOn: nodes.nodeGroupsOf("system"),
        dataNamespaces,
      },
      { parent: context.parent },
    );
    const store = component.storeRoleArn
      ? { secretStore: pulumiSdk().output({ kind: platform.secretStore.kind, name: platform.secretStore.name, roleArn: component.storeRoleArn, namespaces: storeNamespaces(platform.layers, spec.dataServices) }) }
      : {};
    const outputs = pulumiSdk().output({ namespace: EXTERNAL_SECRETS_NAMESPACE, ...store, layers: layerCredentialOutputs(platform.layers, spec) }) as pulumi.Output<CredentialsOutputs>;
    return { component, outputs };
  },
  // A layer that reads Secrets through External Secrets waits for its controller (and webhook) to run.
  layerPodsWaitFor: (handle: CredentialsHandle, layer) =>
    dataServiceNames.some((s) => layer.dataServices[s] !== undefined) || Object.keys(layer.secretEnv).length > 0 ? [handle.component.release] : [],
  crdInstaller: (handle: CredentialsHandle) => handle.component.release,
  outputs: (handle: CredentialsHandle) => ({ credentials: handle.outputs }),
});
