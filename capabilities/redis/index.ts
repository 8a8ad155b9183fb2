import { dataServiceEndpoints, dataServiceTraffic } from "../../platform/data-services";
import { dataLayerDesiredState } from "../../manifests/data/plan";
import { ISTIO_NAMESPACE_DEFAULT } from "../../manifests/mesh-names";
import { defineCapability, type LayerObjectsContext } from "../capability";
import { cluster, DEFAULT_STORAGE_CLASS } from "../cluster";
import { mesh } from "../mesh";
import { redisIssues } from "./checks";
import { redisProfileDefaults } from "./defaults";
import type { RedisLayer } from "./component";
import { redisDesiredState } from "./desired-state";
import { redisImages, redisOperatorPin } from "./pins";
import { resolveRedisSpec } from "./resolve";
import { redisSchema } from "./schema";
import type { DataServicePlatform, RedisSpec } from "./spec";

export type { RedisLayer, RedisLayerArgs, RedisOutputs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const redisComponents = (): typeof import("./component") => require("./component");
export * from "./desired-state";
export { REDIS_OPERATOR_IMAGE_TAG, redisImages, redisOperatorPin } from "./pins";
export type * from "./spec";

/** Why the redis namespace accepts plain text beside mTLS (the pack's exemption). */
const PERMISSIVE_EXEMPTION =
  "The redis namespace accepts plain text beside mTLS (PERMISSIVE, this namespace only): the redis-operator (its chart's pods carry no proxy) joins and checks the nodes, the nodes gossip on the cluster bus by pod address, and monitoring scrapes the exporter. Its AuthorizationPolicy allow-declared-callers admits traffic without identity on those ports only, and its NetworkPolicies name exactly who may send it; applications reach the service over mTLS, by identity.";

function platformOf(context: LayerObjectsContext): DataServicePlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)! };
}

/**
 * A Redis Cluster on the OpsTree redis-operator: leaders and followers with persistence, a generated
 * password, the exporter and a PDB, pinned images. Deployed when a layer declares `dataServices.redis`.
 */
export const redis = defineCapability({
  name: "redis",
  summary: "a Redis Cluster on the OpsTree operator: leaders and followers, persistence, a generated password, the exporter",
  config: { key: "redis", schema: redisSchema },
  defaults: redisProfileDefaults,
  needs: ["cluster", "mesh"],
  namespaces: [{ name: dataServiceTraffic.redis.operatorNamespace }, { name: dataServiceEndpoints.redis.namespace, exemptions: [{ rule: "mesh-no-mtls-downgrade", kind: "PeerAuthentication", name: ISTIO_NAMESPACE_DEFAULT, reason: PERMISSIVE_EXEMPTION }] }],
  charts: [redisOperatorPin],
  images: [redisImages.redis, redisImages.exporter],
  crdGroups: ["redis.redis.opstreelabs.in"],
  checks: redisIssues,
  resolve: ({ input, profile, core, resolved }) =>
    resolveRedisSpec(input, { profile, clusterMode: resolved.of(cluster)!.mode, defaultStorageClass: DEFAULT_STORAGE_CLASS, layers: core.spec.layers, defaultLayers: core.defaultLayers }),
  desiredState: (spec: RedisSpec, context) => [dataLayerDesiredState("redis", redisDesiredState(spec, platformOf(context)))],
  deploy(spec, context): RedisLayer {
    const nodes = context.handle(cluster)!;
    const istio = context.handle(mesh)!;
    return new (redisComponents().RedisLayer)(
      "redis",
      { spec, platform: platformOf(context), provider: nodes.kubernetesProvider, operatorDependsOn: [...nodes.nodeGroupsOf("system"), istio.injector], meshDependsOn: [istio.crds] },
      { parent: context.parent },
    );
  },
  layerPodsWaitFor: (handle, layer) => (layer.dependsOn.dataServices.includes("redis") ? [handle.cluster] : []),
  crdInstaller: (handle) => handle.release,
  outputs: (handle) => ({ redis: handle.outputs }),
});
