import { placementSpotResilience } from "../policies/placement/spot-resilience";
import { placementStatefulNeverSpot } from "../policies/placement/stateful-never-spot";
import { podPlacement } from "../platform/placement";
import { UNKNOWN } from "../policies/engine/unknown";
import { describePolicyRule, object } from "./policy-support";

const spot: Record<string, unknown> = { ...podPlacement("spot") };
const stateful: Record<string, unknown> = { ...podPlacement("stateful") };
const labels = { app: "web" };
const zoneSpread = [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: labels } }];

function workload(kind: string, podSpec: Record<string, unknown>, replicas?: number) {
  return object("apps/v1", kind, "a", "web", { spec: { ...(replicas !== undefined ? { replicas } : {}), selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "x:1" }], ...podSpec } } } });
}
const pdb = (selector: unknown) => object("policy/v1", "PodDisruptionBudget", "a", "web", { spec: { maxUnavailable: 1, ...(selector !== undefined ? { selector } : {}) } });
const hpa = (minReplicas: number) => object("autoscaling/v2", "HorizontalPodAutoscaler", "a", "web", { spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas, maxReplicas: 5 } });

describePolicyRule(placementStatefulNeverSpot, [
  { title: "a StatefulSet on the stateful pool", fixtures: [workload("StatefulSet", stateful)], findings: [] },
  {
    title: "a StatefulSet whose tolerations are unknown until apply (an unknown annotation elsewhere changes nothing)",
    fixtures: [object("apps/v1", "StatefulSet", "a", "db", { spec: { template: { metadata: { annotations: { "eks.amazonaws.com/role-arn": UNKNOWN } }, spec: { tolerations: UNKNOWN, containers: [] } } } })],
    findings: ["StatefulSet a/db: UNDETERMINED spec.template.spec.tolerations is (unknown until apply): whether it selects or tolerates spot could not be judged in this preview"],
  },
  { title: "a Deployment on spot (not stateful)", fixtures: [workload("Deployment", spot, 3)], findings: [] },
  {
    title: "a StatefulSet that selects and tolerates spot",
    fixtures: [workload("StatefulSet", spot)],
    findings: [
      "StatefulSet a/web: spec.template.spec selects spot (nodeSelector strata.io/node-pool=spot): stateful data never runs on spot",
      "StatefulSet a/web: spec.template.spec tolerates the spot taint strata.io/node-pool=spot:NoSchedule: stateful data never runs on spot",
    ],
  },
  {
    title: "a StatefulSet that tolerates every taint, and prefers EKS spot nodes",
    fixtures: [
      workload("StatefulSet", {
        tolerations: [{ operator: "Exists" }],
        affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: "eks.amazonaws.com/capacityType", operator: "In", values: ["SPOT"] }] } }] } },
      }),
    ],
    findings: [
      "StatefulSet a/web: spec.template.spec selects spot (preferred node affinity eks.amazonaws.com/capacityType In SPOT): stateful data never runs on spot",
      "StatefulSet a/web: spec.template.spec tolerates the spot taint strata.io/node-pool=spot:NoSchedule: stateful data never runs on spot",
    ],
  },
  {
    title: "a Strimzi node pool whose pod template requires spot",
    fixtures: [
      object("kafka.strimzi.io/v1", "KafkaNodePool", "kafka", "brokers", {
        spec: { replicas: 3, template: { pod: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "strata.io/node-pool", operator: "In", values: ["spot"] }] }] } } } } } },
      }),
    ],
    findings: ["KafkaNodePool kafka/brokers: spec.template.pod selects spot (required node affinity strata.io/node-pool In spot): stateful data never runs on spot"],
  },
  {
    title: "a PGO instance set tolerating spot",
    fixtures: [object("postgres-operator.crunchydata.com/v1beta1", "PostgresCluster", "postgres", "db", { spec: { instances: [{ name: "i1", tolerations: spot.tolerations }] } })],
    findings: ["PostgresCluster postgres/db: spec.instances[0] tolerates the spot taint strata.io/node-pool=spot:NoSchedule: stateful data never runs on spot"],
  },
]);

describePolicyRule(placementSpotResilience, [
  { title: "a spot Deployment with 2 replicas, a PDB and zone spread", fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: zoneSpread }, 2), pdb({ matchLabels: labels })], findings: [] },
  { title: "an on-demand Deployment with 1 replica", fixtures: [workload("Deployment", {}, 1)], findings: [] },
  {
    title: "a spot Deployment whose HPA keeps 2, with a PDB selecting every pod",
    fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: zoneSpread }), hpa(2), pdb({})],
    findings: [],
  },
  {
    title: "a spot Deployment with 1 replica",
    fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: zoneSpread }, 1), pdb({ matchLabels: labels })],
    findings: ["Deployment a/web: runs on spot with 1 replica: one reclaim takes it down; keep at least 2 (spec.replicas or the HPA's minReplicas)"],
  },
  {
    title: "a spot Deployment whose HPA allows 1",
    fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: zoneSpread }, 3), hpa(1), pdb({ matchLabels: labels })],
    findings: ["Deployment a/web: runs on spot with 1 replica: one reclaim takes it down; keep at least 2 (spec.replicas or the HPA's minReplicas)"],
  },
  {
    title: "a spot Deployment whose PDB selects other pods, or has no selector",
    fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: zoneSpread }, 2), pdb({ matchLabels: { app: "other" } }), pdb(undefined)],
    findings: ["Deployment a/web: runs on spot without a PodDisruptionBudget selecting its pods: a drain may take every replica at once"],
  },
  {
    title: "a spot Deployment spread over nodes only",
    fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: [{ ...zoneSpread[0], topologyKey: "kubernetes.io/hostname" }] }, 2), pdb({ matchLabels: labels })],
    findings: ["Deployment a/web: runs on spot without spreading over zones: add a topologySpreadConstraint on topology.kubernetes.io/zone"],
  },
  {
    title: "a spot Deployment whose replicas, PDB selector and spread are unknown until apply: each said, none passed",
    fixtures: [workload("Deployment", { ...spot, topologySpreadConstraints: [{ ...zoneSpread[0], topologyKey: UNKNOWN }] }, UNKNOWN as never), pdb({ matchLabels: { app: UNKNOWN } })],
    findings: [
      "Deployment a/web: UNDETERMINED its replica count (spec.replicas or the HPA's minReplicas) is (unknown until apply): could not be judged in this preview",
      "Deployment a/web: UNDETERMINED a PodDisruptionBudget's selector (or the pods' labels) is (unknown until apply): whether one selects its pods could not be judged in this preview",
      "Deployment a/web: UNDETERMINED its topology spread or anti-affinity is (unknown until apply): whether it spreads over zones could not be judged in this preview",
    ],
  },
  {
    title: "a Deployment whose node selector is unknown until apply",
    fixtures: [workload("Deployment", { nodeSelector: UNKNOWN }, 1)],
    findings: ["Deployment a/web: UNDETERMINED spec.template.spec.nodeSelector is (unknown until apply): whether it runs on spot could not be judged in this preview"],
  },
]);
