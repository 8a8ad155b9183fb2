import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined, type RuleMessage } from "../engine/unknown";
import { apiGroupOf } from "../pod-security/pod-spec";
import { isStatefulNodePool, KARPENTER_NODEPOOL, nodePoolCapacityTypes, nodePoolCapacityUnknown, statefulNodePoolUnknown } from "./node-pool-capacity";
import { schedulingSites, spotSelections, spotTolerations } from "./scheduling";

/**
 * Kinds that hold stateful data: every StatefulSet, and the custom resources of the data services and metrics
 * storage (Strimzi Kafka and its node pools, Crunchy PGO Postgres, OpsTree Redis, Prometheus and Thanos Ruler).
 */
export const STATEFUL_KINDS: readonly { apiGroup: string; kind: string }[] = [
  { apiGroup: "apps", kind: "StatefulSet" },
  { apiGroup: "kafka.strimzi.io", kind: "Kafka" },
  { apiGroup: "kafka.strimzi.io", kind: "KafkaNodePool" },
  { apiGroup: "postgres-operator.crunchydata.com", kind: "PostgresCluster" },
  { apiGroup: "redis.redis.opstreelabs.in", kind: "RedisCluster" },
  { apiGroup: "redis.redis.opstreelabs.in", kind: "RedisReplication" },
  { apiGroup: "redis.redis.opstreelabs.in", kind: "Redis" },
  { apiGroup: "monitoring.coreos.com", kind: "Prometheus" },
  { apiGroup: "monitoring.coreos.com", kind: "ThanosRuler" },
];

/**
 * A spot reclaim takes a node with two minutes' notice: stateful data never lands there. Neither its pods (by
 * the spot pool's label or taint, or a capacity-type label of EKS or Karpenter) nor the stateful pool's
 * Karpenter NodePool, which must launch no spot node.
 */
export const placementStatefulNeverSpot: ResourceRule = {
  name: "placement-stateful-never-spot",
  family: "placement",
  summary: "StatefulSets, Kafka, Postgres, Redis, Prometheus and Thanos Ruler neither select nor tolerate spot; the stateful pool's NodePool allows no spot capacity",
  scope: "resource",
  checkSubject(subject) {
    const object = subject.object;
    if (object && subject.kind === KARPENTER_NODEPOOL.kind && apiGroupOf(object.apiVersion) === KARPENTER_NODEPOOL.apiGroup) {
      const stateful = isStatefulNodePool(object);
      if (!stateful && !statefulNodePoolUnknown(object)) return [];
      if (nodePoolCapacityUnknown(object)) return [undetermined("spec.template.spec.requirements", "whether the pool allows spot could not be judged in this preview")];
      const capacity = nodePoolCapacityTypes(object);
      if (!capacity.includes("spot")) return [];
      if (!stateful) return [undetermined("spec.template.metadata.labels", "whether this spot-capable pool is the stateful one could not be judged in this preview")];
      return [`the NodePool carries the stateful pool's labels but its requirements allow ${capacity.join(", ")} capacity: stateful data never runs on spot; require karpenter.sh/capacity-type In [on-demand]`];
    }
    if (!object || !STATEFUL_KINDS.some((k) => k.kind === subject.kind && k.apiGroup === apiGroupOf(object.apiVersion))) return [];
    if (isUnknown(object.spec)) return [undetermined("spec (its placement)")];
    return schedulingSites(object).flatMap((site): RuleMessage[] => {
      const selections = spotSelections(site);
      const tolerations = spotTolerations(site);
      return [
        ...selections.found.map((how) => `${site.path} selects spot (${how}): stateful data never runs on spot`),
        ...tolerations.found.map((taint) => `${site.path} tolerates the spot taint ${taint}: stateful data never runs on spot`),
        ...[...selections.unknown, ...tolerations.unknown].map((field) => undetermined(field, "whether it selects or tolerates spot could not be judged in this preview")),
      ];
    });
  },
};
