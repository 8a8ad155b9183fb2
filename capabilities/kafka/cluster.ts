import type { KafkaPoolSpec, KafkaSpec } from "./spec";
import type { PlacementSpec } from "../../config/layers/spec";
import { KAFKA_VERSION } from "./pins";
import { restrictedContainerSecurityContext } from "../../manifests/security-context";
import { ZONE_TOPOLOGY_KEY } from "../../manifests/topology";
import { statefulPlacement } from "../../manifests/data/placement";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { KAFKA_CLUSTER, KAFKA_NAMESPACE, nodePoolNames, strimziLabels, TLS_LISTENER } from "./names";
import { dataPodMeshAnnotations } from "../../manifests/data/namespaces";

export const KAFKA_API_VERSION = "kafka.strimzi.io/v1";

/** Pod-level security of every Strimzi pod. */
const POD_SECURITY = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };

/**
 * Every Strimzi container's security context, stated in the resource (a `ContainerTemplate`) rather than
 * left to the operator's pod security provider, which the policy pack cannot see: restricted, read-only root
 * (Strimzi's containers write to their /tmp volume only).
 */
const CONTAINER_SECURITY = { securityContext: restrictedContainerSecurityContext() };

/**
 * The pod template of one of the cluster's helper Deployments (`<cluster>-<component>`: the entity operator,
 * Kafka Exporter): on the stateful pool like the brokers, one replica, so no spread.
 */
function helperPod(component: string, placement: PlacementSpec) {
  const pods = statefulPlacement({ "strimzi.io/name": `${KAFKA_CLUSTER}-${component}` }, placement);
  return {
    metadata: { annotations: dataPodMeshAnnotations("kafka") },
    securityContext: POD_SECURITY,
    affinity: { nodeAffinity: pods.affinity.nodeAffinity },
    tolerations: pods.tolerations,
  };
}

/**
 * The Kafka cluster: KRaft only (the node pools carry the roles), one internal TLS listener with mTLS
 * authentication, simple authorization (ACLs from the KafkaUsers), replication settings derived from the
 * broker count, rack awareness by zone, Prometheus metrics, no automatic topic creation (topics are config).
 */
export function kafkaCluster(spec: KafkaSpec, labels: Record<string, string>, placement: PlacementSpec): KubernetesObject {
  return {
    apiVersion: KAFKA_API_VERSION,
    kind: "Kafka",
    metadata: { name: KAFKA_CLUSTER, namespace: KAFKA_NAMESPACE, labels },
    spec: {
      kafka: {
        version: KAFKA_VERSION,
        listeners: [{ name: TLS_LISTENER.name, port: TLS_LISTENER.port, type: "internal", tls: true, authentication: { type: "tls" } }],
        authorization: { type: "simple" },
        config: {
          "default.replication.factor": spec.replicationFactor,
          "min.insync.replicas": spec.minInSyncReplicas,
          "offsets.topic.replication.factor": spec.replicationFactor,
          "transaction.state.log.replication.factor": spec.replicationFactor,
          "transaction.state.log.min.isr": spec.minInSyncReplicas,
          "auto.create.topics.enable": false,
        },
        rack: { type: "topology-label", topologyKey: ZONE_TOPOLOGY_KEY },
        metricsConfig: { type: "strimziMetricsReporter", values: { allowList: ["kafka_server.*", "kafka_network.*", "kafka_log.*", "kafka_controller.*", "kafka_cluster.*"] } },
        template: { podDisruptionBudget: { maxUnavailable: 1 } },
      },
      entityOperator: {
        topicOperator: { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } } },
        userOperator: { resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } } },
        template: {
          pod: helperPod("entity-operator", placement),
          topicOperatorContainer: CONTAINER_SECURITY,
          userOperatorContainer: CONTAINER_SECURITY,
        },
      },
      // Consumer-group lag per topic and partition (the KafkaConsumerLagHigh alert reads it), scraped on the metrics port.
      kafkaExporter: {
        topicRegex: ".*",
        groupRegex: ".*",
        resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        template: {
          pod: helperPod("kafka-exporter", placement),
          container: CONTAINER_SECURITY,
        },
      },
    },
  };
}

function nodePool(name: string, role: "controller" | "broker", pool: KafkaPoolSpec, spec: KafkaSpec, labels: Record<string, string>, placement: PlacementSpec): KubernetesObject {
  const pods = statefulPlacement({ [strimziLabels.cluster]: KAFKA_CLUSTER, [strimziLabels.poolName]: name }, placement);
  return {
    apiVersion: KAFKA_API_VERSION,
    kind: "KafkaNodePool",
    metadata: { name, namespace: KAFKA_NAMESPACE, labels: { ...labels, [strimziLabels.cluster]: KAFKA_CLUSTER } },
    spec: {
      replicas: pool.replicas,
      roles: [role],
      // JBOD with one volume: more can be added later without replacing the nodes.
      storage: {
        type: "jbod",
        volumes: [{ id: 0, type: "persistent-claim", size: pool.storage.size, ...(pool.storage.storageClass ? { class: pool.storage.storageClass } : {}), deleteClaim: spec.deleteClaims }],
      },
      resources: pool.resources,
      template: {
        pod: {
          metadata: { annotations: dataPodMeshAnnotations("kafka") },
          securityContext: POD_SECURITY,
          affinity: pods.affinity,
          tolerations: pods.tolerations,
          topologySpreadConstraints: pods.topologySpreadConstraints,
        },
        kafkaContainer: CONTAINER_SECURITY,
        // The rack-awareness init container (it reads the node's zone label).
        initContainer: CONTAINER_SECURITY,
      },
    },
  };
}

/** KRaft node pools: the controller quorum and the brokers, each its own pool. */
export function kafkaNodePools(spec: KafkaSpec, labels: Record<string, string>, placement: PlacementSpec): KubernetesObject[] {
  return [
    nodePool(nodePoolNames.controllers, "controller", spec.controllers, spec, labels, placement),
    nodePool(nodePoolNames.brokers, "broker", spec.brokers, spec, labels, placement),
  ];
}

