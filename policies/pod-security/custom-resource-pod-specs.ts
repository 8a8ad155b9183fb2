import { OPSTREE_POD_SPEC_EXTRACTORS } from "./custom-resources/opstree";
import { PGO_POD_SPEC_EXTRACTORS } from "./custom-resources/pgo";
import { PROMETHEUS_OPERATOR_POD_SPEC_EXTRACTORS } from "./custom-resources/prometheus-operator";
import { STRIMZI_POD_SPEC_EXTRACTORS } from "./custom-resources/strimzi";
import type { PodSpecExtractorEntry } from "./pod-spec";

/**
 * Pod specs inside custom resources: the extension point for operators' pod templates (Strimzi `Kafka` and
 * `KafkaNodePool` templates, Crunchy PGO `PostgresCluster` instances, OpsTree `RedisCluster`, …) where they
 * carry pod security fields.
 *
 * To cover a custom resource, add an entry: its API group, its kind, and an extractor returning one
 * PodSpecSite per pod the operator will create from it, mapping the CR's fields onto a pod spec (containers
 * with their securityContext, the pod securityContext, volumes, host* fields) and the pod metadata (its
 * annotations). `podTemplateAt` covers CRs that embed a plain PodTemplateSpec. The default registry
 * (`POD_SPEC_EXTRACTORS`) picks the entries up; nothing else changes.
 *
 * Registered (one module per operator in `custom-resources/`, each documenting which pods and containers
 * it models and where their fields come from): Strimzi `Kafka`, `KafkaNodePool`, `KafkaConnect`,
 * `KafkaMirrorMaker2`, `KafkaBridge` and `StrimziPodSet`, PGO `PostgresCluster`, OpsTree `RedisCluster`,
 * prometheus-operator `Prometheus`, `PrometheusAgent`, `Alertmanager` and `ThanosRuler`. The supply-chain
 * rule on container resources reads the same pods; a kind carrying containers that no entry knows is
 * reported by `pod-security-known-kinds`.
 */
export const CUSTOM_RESOURCE_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = [
  ...STRIMZI_POD_SPEC_EXTRACTORS,
  ...PGO_POD_SPEC_EXTRACTORS,
  ...OPSTREE_POD_SPEC_EXTRACTORS,
  ...PROMETHEUS_OPERATOR_POD_SPEC_EXTRACTORS,
];
