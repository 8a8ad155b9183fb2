import { dataServiceEndpoints, dataServiceTraffic } from "../../platform/data-services";
import { dataLayerDesiredState } from "../../manifests/data/plan";
import { ISTIO_NAMESPACE_DEFAULT } from "../../manifests/mesh-names";
import { defineCapability, type LayerObjectsContext } from "../capability";
import { cluster, DEFAULT_STORAGE_CLASS } from "../cluster";
import { mesh } from "../mesh";
import { kafkaIssues } from "./checks";
import { defaultTopics, kafkaProfileDefaults } from "./defaults";
import type { KafkaLayer } from "./component";
import { kafkaDesiredState } from "./desired-state";
import { strimziPin } from "./pins";
import { resolveKafkaSpec } from "./resolve";
import { kafkaSchema } from "./schema";
import type { DataServicePlatform, KafkaSpec } from "./spec";

export type { KafkaLayer, KafkaLayerArgs, KafkaOutputs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const kafkaComponents = (): typeof import("./component") => require("./component");
export * from "./desired-state";
export { KAFKA_VERSION, strimziPin } from "./pins";
export { seedTopics } from "./defaults";
export type * from "./spec";

/** Why the kafka namespace accepts plain text beside mTLS (the pack's exemption). */
const PERMISSIVE_EXEMPTION =
  "The kafka namespace accepts plain text beside mTLS (PERMISSIVE, this namespace only): the Strimzi operator (its chart's pods carry no proxy) reaches the controllers and brokers, and monitoring scrapes their metrics. Its AuthorizationPolicy allow-declared-callers admits traffic without identity on those ports only, and its NetworkPolicies name exactly who may send it; applications reach the service over mTLS, by identity.";

function platformOf(context: LayerObjectsContext): DataServicePlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)! };
}

/**
 * Kafka on Strimzi (KRaft): the operator, the cluster with controller and broker pools, the topics from
 * config, and a user with ACLs per layer that declares `dataServices.kafka`. Deployed when a layer uses it.
 */
export const kafka = defineCapability({
  name: "kafka",
  summary: "Kafka on Strimzi (KRaft): controller and broker pools, topics, a user with ACLs per layer that uses it",
  // A stack's topics overlay the default ones by name (config/overlays.ts).
  config: { key: "kafka", schema: kafkaSchema, lists: [{ field: "topics", entries: "objects", noun: "topic", defaults: defaultTopics }] },
  defaults: kafkaProfileDefaults,
  needs: ["cluster", "mesh"],
  namespaces: [{ name: dataServiceTraffic.kafka.operatorNamespace }, { name: dataServiceEndpoints.kafka.namespace, exemptions: [{ rule: "mesh-no-mtls-downgrade", kind: "PeerAuthentication", name: ISTIO_NAMESPACE_DEFAULT, reason: PERMISSIVE_EXEMPTION }] }],
  charts: [strimziPin],
  images: [],
  crdGroups: ["kafka.strimzi.io", "core.strimzi.io"],
  checks: kafkaIssues,
  resolve: ({ input, profile, core, resolved }) =>
    resolveKafkaSpec(input, { profile, clusterMode: resolved.of(cluster)!.mode, defaultStorageClass: DEFAULT_STORAGE_CLASS, layers: core.spec.layers, defaultLayers: core.defaultLayers }),
  desiredState: (spec: KafkaSpec, context) => [dataLayerDesiredState("kafka", kafkaDesiredState(spec, platformOf(context)))],
  deploy(spec, context): KafkaLayer {
    const nodes = context.handle(cluster)!;
    const istio = context.handle(mesh)!;
    // The operator waits for the system pool and the mesh's injector (the data namespace is meshed); the namespace's mesh objects for Istio's CRDs.
    return new (kafkaComponents().KafkaLayer)(
      "kafka",
      { spec, platform: platformOf(context), provider: nodes.kubernetesProvider, operatorDependsOn: [...nodes.nodeGroupsOf("system"), istio.injector], meshDependsOn: [istio.crds] },
      { parent: context.parent },
    );
  },
  layerPodsWaitFor: (handle, layer) => (layer.dependsOn.dataServices.includes("kafka") ? [handle.cluster] : []),
  crdInstaller: (handle) => handle.release,
  outputs: (handle) => ({ kafka: handle.outputs }),
});
