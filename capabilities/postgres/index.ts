import { dataServiceEndpoints, dataServiceTraffic } from "../../platform/data-services";
import { dataLayerDesiredState } from "../../manifests/data/plan";
import { ISTIO_NAMESPACE_DEFAULT } from "../../manifests/mesh-names";
import { dataPolicyName } from "../../manifests/data/network-policies";
import { defineCapability, type LayerObjectsContext } from "../capability";
import { cluster, DEFAULT_STORAGE_CLASS } from "../cluster";
import { mesh } from "../mesh";
import { postgresIssues } from "./checks";
import { defaultExtensions, postgresProfileDefaults } from "./defaults";
import type { PostgresLayer } from "./component";
import { backupTargetsFrom, postgresDesiredState } from "./desired-state";
import { pgoPin } from "./pins";
import { resolvePostgresSpec } from "./resolve";
import { postgresSchema } from "./schema";
import type { DataServicePlatform, PostgresSpec } from "./spec";

export type { PostgresLayer, PostgresLayerArgs, PostgresOutputs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const postgresComponents = (): typeof import("./component") => require("./component");
export * from "./desired-state";
export { DEFAULT_POSTGRES_VERSION, pgoPin, postgresVersions, type PostgresVersion } from "./pins";
export type * from "./spec";

/** Why the postgres namespace accepts plain text beside mTLS (the pack's exemption). */
const PERMISSIVE_EXEMPTION =
  "The postgres namespace accepts plain text beside mTLS (PERMISSIVE, this namespace only): the PGO operator (its chart's pods carry no proxy) reaches the instances, Patroni and pgBackRest reach each other by pod address on ports no Service names, and monitoring scrapes the exporter. Its AuthorizationPolicy allow-declared-callers admits traffic without identity on those ports only, and its NetworkPolicies name exactly who may send it; applications reach the service over mTLS, by identity.";

/** Why pgBackRest's pods may send HTTPS anywhere (the pack's exemption of the one wide-open egress). */
const PUBLIC_AWS_EXEMPTION =
  "pgBackRest takes its S3 credentials by web identity from the global STS endpoint, sts.amazonaws.com, which no VPC endpoint serves, and writes to a second repository in another region when one is configured; AWS's public endpoints have no fixed addresses a NetworkPolicy could name. The one such policy, postgres/allow-egress-aws-https, allows only port 443 and only the pods that run pgBackRest (not pgBouncer); the cluster region's S3 and the Kubernetes API go through postgres/allow-egress-https to the VPC.";

function platformOf(context: LayerObjectsContext): DataServicePlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)! };
}

/**
 * Postgres on Crunchy PGO: instance sets with anti-affinity, pgBouncer, pgBackRest to S3 through IRSA
 * (a second repository optional), synchronous replication in prod, a user, database and schema per layer
 * that declares `dataServices.postgres`. Deployed when a layer uses it.
 */
export const postgres = defineCapability({
  name: "postgres",
  summary: "Postgres on Crunchy PGO: instance sets, pgBouncer, pgBackRest to S3 through IRSA, a user and database per layer that uses it",
  // A stack's extensions overlay the default ones (config/overlays.ts).
  config: { key: "postgres", schema: postgresSchema, lists: [{ field: "extensions", entries: "strings", noun: "extension", defaults: defaultExtensions }] },
  defaults: postgresProfileDefaults,
  needs: ["cluster", "mesh"],
  namespaces: [
    { name: dataServiceTraffic.postgres.operatorNamespace },
    {
      name: dataServiceEndpoints.postgres.namespace,
      exemptions: [
        { rule: "network-no-wide-open-allow", kind: "NetworkPolicy", name: dataPolicyName.publicAwsHttpsEgress, reason: PUBLIC_AWS_EXEMPTION },
        { rule: "mesh-no-mtls-downgrade", kind: "PeerAuthentication", name: ISTIO_NAMESPACE_DEFAULT, reason: PERMISSIVE_EXEMPTION },
      ],
    },
  ],
  charts: [pgoPin],
  images: [],
  crdGroups: ["postgres-operator.crunchydata.com"],
  checks: postgresIssues,
  resolve: ({ input, profile, core, resolved }) =>
    resolvePostgresSpec(input, { profile, clusterMode: resolved.of(cluster)!.mode, defaultStorageClass: DEFAULT_STORAGE_CLASS, layers: core.spec.layers, defaultLayers: core.defaultLayers }),
  desiredState: (spec: PostgresSpec, context) => [dataLayerDesiredState("postgres", postgresDesiredState(spec, platformOf(context), backupTargetsFrom(spec, context.cloud)))],
  deploy(spec, context): PostgresLayer {
    const nodes = context.handle(cluster)!;
    const istio = context.handle(mesh)!;
    return new (postgresComponents().PostgresLayer)(
      "postgres",
      {
        spec,
        platform: platformOf(context),
        provider: nodes.kubernetesProvider,
        operatorDependsOn: [...nodes.nodeGroupsOf("system"), istio.injector],
        meshDependsOn: [istio.crds],
        cluster: nodes,
        awsProvider: context.awsProvider,
        awsRegion: context.awsRegion,
      },
      { parent: context.parent },
    );
  },
  layerPodsWaitFor: (handle, layer) => (layer.dependsOn.dataServices.includes("postgres") ? [handle.cluster] : []),
  crdInstaller: (handle) => handle.release,
  outputs: (handle) => ({ postgres: handle.outputs }),
});
