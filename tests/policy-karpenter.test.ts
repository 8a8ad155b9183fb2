import { awsEc2NodeClassHardening } from "../policies/aws/ec2-node-class-hardening";
import { UNKNOWN } from "../policies/engine/unknown";
import { placementNodePoolLimits } from "../policies/placement/node-pool-limits";
import { placementSpotResilience } from "../policies/placement/spot-resilience";
import { placementStatefulNeverSpot } from "../policies/placement/stateful-never-spot";
import { nodePools, podPlacement } from "../platform/placement";
import { describePolicyRule, object } from "./policy-support";

/**
 * The pack's rules for node autoscaling with Karpenter: stateful data never on spot (the stateful pool's
 * NodePool, and pods that ask for Karpenter's spot capacity label), every NodePool bounded, every EC2NodeClass
 * on IMDSv2 with encrypted volumes. Each on compliant fixtures and one failing fixture per branch, exact messages.
 */

const requirement = (operator: string, values?: string[]) => ({ key: "karpenter.sh/capacity-type", operator, ...(values ? { values } : {}) });
function nodePool(name: string, pool: keyof typeof nodePools, requirements: unknown[], extra: Record<string, unknown> = { limits: { cpu: "16", memory: "64Gi" } }) {
  return object("karpenter.sh/v1", "NodePool", undefined, name, {
    spec: { template: { metadata: { labels: { ...nodePools[pool].nodeLabels } }, spec: { nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" }, requirements } }, ...extra },
  });
}

const labels = { app: "db" };
function statefulSet(podSpec: Record<string, unknown>) {
  return object("apps/v1", "StatefulSet", "data", "db", { spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "c", image: "x:1" }], ...podSpec } } } });
}
const requireCapacity = (values: string[]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "karpenter.sh/capacity-type", operator: "In", values }] }] } } },
});

describePolicyRule(placementStatefulNeverSpot, [
  { title: "the stateful NodePool on on-demand capacity only", fixtures: [nodePool("stateful", "stateful", [requirement("In", ["on-demand"])])], findings: [] },
  { title: "a stateful NodePool without a capacity-type requirement (Karpenter's default: on-demand)", fixtures: [nodePool("stateful", "stateful", [])], findings: [] },
  { title: "the spot NodePool on spot", fixtures: [nodePool("spot", "spot", [requirement("In", ["spot"])])], findings: [] },
  {
    title: "a stateful NodePool allowing spot beside on-demand",
    fixtures: [nodePool("stateful", "stateful", [requirement("In", ["on-demand", "spot"])])],
    findings: ["NodePool stateful: the NodePool carries the stateful pool's labels but its requirements allow spot, on-demand capacity: stateful data never runs on spot; require karpenter.sh/capacity-type In [on-demand]"],
  },
  {
    title: "a stateful NodePool that excludes only on-demand",
    fixtures: [nodePool("stateful", "stateful", [requirement("NotIn", ["on-demand"])])],
    findings: ["NodePool stateful: the NodePool carries the stateful pool's labels but its requirements allow spot, reserved capacity: stateful data never runs on spot; require karpenter.sh/capacity-type In [on-demand]"],
  },
  {
    title: "a StatefulSet requiring Karpenter's spot capacity",
    fixtures: [statefulSet({ ...podPlacement("stateful"), ...requireCapacity(["spot"]) })],
    findings: ["StatefulSet data/db: spec.template.spec selects spot (required node affinity karpenter.sh/capacity-type In spot): stateful data never runs on spot"],
  },
  {
    title: "a stateful NodePool whose requirements are unknown until apply: undetermined, not a pass",
    fixtures: [nodePool("stateful", "stateful", UNKNOWN as unknown[])],
    findings: ["NodePool stateful: UNDETERMINED spec.template.spec.requirements is (unknown until apply): whether the pool allows spot could not be judged in this preview"],
  },
  {
    title: "a stateful NodePool whose capacity-type values are unknown until apply",
    fixtures: [nodePool("stateful", "stateful", [{ key: "karpenter.sh/capacity-type", operator: "In", values: UNKNOWN }])],
    findings: ["NodePool stateful: UNDETERMINED spec.template.spec.requirements is (unknown until apply): whether the pool allows spot could not be judged in this preview"],
  },
  {
    title: "a spot-capable NodePool whose stateful label is unknown until apply",
    fixtures: [
      object("karpenter.sh/v1", "NodePool", undefined, "maybe", {
        spec: { template: { metadata: { labels: Object.fromEntries(Object.keys(nodePools.stateful.nodeLabels).map((k) => [k, UNKNOWN])) }, spec: { requirements: [requirement("In", ["spot"])] } }, limits: { cpu: "1", memory: "1Gi" } },
      }),
    ],
    findings: ["NodePool maybe: UNDETERMINED spec.template.metadata.labels is (unknown until apply): whether this spot-capable pool is the stateful one could not be judged in this preview"],
  },
  { title: "a StatefulSet requiring Karpenter's on-demand capacity", fixtures: [statefulSet({ ...podPlacement("stateful"), ...requireCapacity(["on-demand"]) })], findings: [] },
  {
    title: "a Redis cluster selecting Karpenter's spot nodes by nodeSelector",
    fixtures: [object("redis.redis.opstreelabs.in/v1beta2", "RedisCluster", "redis", "cache", { spec: { clusterSize: 3, redisLeader: { nodeSelector: { "karpenter.sh/capacity-type": "spot" } } } })],
    findings: ["RedisCluster redis/cache: spec.redisLeader selects spot (nodeSelector karpenter.sh/capacity-type=spot): stateful data never runs on spot"],
  },
]);

describePolicyRule(placementSpotResilience, [
  {
    title: "a Deployment of 1 replica on Karpenter's spot capacity",
    fixtures: [object("apps/v1", "Deployment", "a", "web", { spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x:1" }], nodeSelector: { "karpenter.sh/capacity-type": "spot" } } } } })],
    findings: [
      "Deployment a/web: runs on spot with 1 replica: one reclaim takes it down; keep at least 2 (spec.replicas or the HPA's minReplicas)",
      "Deployment a/web: runs on spot without a PodDisruptionBudget selecting its pods: a drain may take every replica at once",
      "Deployment a/web: runs on spot without spreading over zones: add a topologySpreadConstraint on topology.kubernetes.io/zone",
    ],
  },
  { title: "a Deployment of 1 replica on Karpenter's on-demand capacity", fixtures: [object("apps/v1", "Deployment", "a", "web", { spec: { replicas: 1, template: { spec: { containers: [], nodeSelector: { "karpenter.sh/capacity-type": "on-demand" } } } } })], findings: [] },
]);

describePolicyRule(placementNodePoolLimits, [
  { title: "a NodePool limited in CPU and memory", fixtures: [nodePool("spot", "spot", [requirement("In", ["spot"])])], findings: [] },
  { title: "a static NodePool (replicas) with a node limit only", fixtures: [nodePool("fixed", "on-demand", [], { replicas: 3, limits: { nodes: "3" } })], findings: [] },
  {
    title: "a NodePool without limits",
    fixtures: [nodePool("spot", "spot", [], {})],
    findings: ["NodePool spot: has no cpu or memory limit (spec.limits): Karpenter would launch nodes until the account's quotas stop it; bound the pool"],
  },
  {
    title: "a NodePool limited in nodes only",
    fixtures: [nodePool("on-demand", "on-demand", [], { limits: { nodes: "10", cpu: "" } })],
    findings: ["NodePool on-demand: has no cpu or memory limit (spec.limits): Karpenter would launch nodes until the account's quotas stop it; bound the pool"],
  },
  {
    title: "a NodePool whose CPU limit is unknown until apply: undetermined, not a pass",
    fixtures: [nodePool("spot", "spot", [], { limits: { cpu: UNKNOWN, memory: "64Gi" } })],
    findings: ["NodePool spot: UNDETERMINED spec.limits.cpu is (unknown until apply): could not be judged in this preview"],
  },
  {
    title: "a NodePool whose spec.replicas is unknown until apply (static or not is unknown)",
    fixtures: [nodePool("spot", "spot", [], { replicas: UNKNOWN })],
    findings: ["NodePool spot: UNDETERMINED spec.replicas is (unknown until apply): could not be judged in this preview"],
  },
  {
    title: "a NodePool limited in CPU only",
    fixtures: [nodePool("on-demand", "on-demand", [], { limits: { cpu: "100" } })],
    findings: ["NodePool on-demand: has no memory limit (spec.limits): Karpenter would launch nodes until the account's quotas stop it; bound the pool"],
  },
]);

const root = (ebs: Record<string, unknown>) => ({ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "50Gi", volumeType: "gp3", ...ebs } });
function nodeClass(spec: Record<string, unknown>) {
  return object("karpenter.k8s.aws/v1", "EC2NodeClass", undefined, "default", { spec: { amiSelectorTerms: [{ alias: "al2023@v20260714" }], subnetSelectorTerms: [{ tags: { a: "b" } }], securityGroupSelectorTerms: [{ tags: { a: "b" } }], role: "nodes", ...spec } });
}

describePolicyRule(awsEc2NodeClassHardening, [
  { title: "IMDSv2 and an encrypted root volume", fixtures: [nodeClass({ metadataOptions: { httpTokens: "required" }, blockDeviceMappings: [root({ encrypted: true })] })], findings: [] },
  {
    title: "IMDSv1 allowed",
    fixtures: [nodeClass({ metadataOptions: { httpTokens: "optional" }, blockDeviceMappings: [root({ encrypted: true })] })],
    findings: ["EC2NodeClass default: does not require IMDSv2: set spec.metadataOptions.httpTokens to required (a pod or process could otherwise read the node role's credentials without a session token)"],
  },
  {
    title: "no metadata options and no volumes (left to defaults)",
    fixtures: [nodeClass({})],
    findings: [
      "EC2NodeClass default: does not require IMDSv2: set spec.metadataOptions.httpTokens to required (a pod or process could otherwise read the node role's credentials without a session token)",
      "EC2NodeClass default: lists no blockDeviceMappings: state the nodes' volumes, encrypted (spec.blockDeviceMappings[].ebs.encrypted: true)",
    ],
  },
  {
    title: "httpTokens and a volume's encryption unknown until apply: undetermined, not violations",
    fixtures: [nodeClass({ metadataOptions: { httpTokens: UNKNOWN }, blockDeviceMappings: [root({ encrypted: UNKNOWN })] })],
    findings: ["EC2NodeClass default: UNDETERMINED spec.metadataOptions.httpTokens is (unknown until apply): could not be judged in this preview", "EC2NodeClass default: UNDETERMINED spec.blockDeviceMappings[0].ebs.encrypted is (unknown until apply): could not be judged in this preview"],
  },
  {
    title: "the volumes unknown until apply",
    fixtures: [nodeClass({ metadataOptions: { httpTokens: "required" }, blockDeviceMappings: UNKNOWN })],
    findings: ["EC2NodeClass default: UNDETERMINED spec.blockDeviceMappings is (unknown until apply): could not be judged in this preview"],
  },
  {
    title: "a second volume unencrypted",
    fixtures: [nodeClass({ metadataOptions: { httpTokens: "required" }, blockDeviceMappings: [root({ encrypted: true }), { deviceName: "/dev/xvdb", ebs: { volumeSize: "100Gi", encrypted: false } }] })],
    findings: ["EC2NodeClass default: spec.blockDeviceMappings[1] (/dev/xvdb) is not encrypted: set ebs.encrypted to true"],
  },
]);
