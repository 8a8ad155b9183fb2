import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { restrictedNamespace } from "../../manifests/namespace";
import { allowDnsEgress, allowHttpsEgress, defaultDeny } from "../../manifests/network-policy";
import { karpenterInterruptionQueueName } from "../cluster";
import { karpenterChart } from "./chart";
import { KARPENTER_NAMESPACE, karpenterLabels } from "./names";
import { ec2NodeClasses } from "./node-classes";
import { nodePool } from "./node-pools";
import type { KarpenterSpec } from "./spec";

/** Why the controller's pods may call out of the pod network (on its egress policy). */
export const KARPENTER_EGRESS_REASON =
  "Karpenter calls the Kubernetes API and AWS through the VPC's interface endpoints: EC2 (instances, launch templates, prices of spot), SSM (the node image), SQS (interruption events), EKS (the cluster's endpoint and service CIDR) and STS (IRSA)";

export interface KarpenterPlan {
  /** Its namespace (restricted) and network rules: DNS, and HTTPS to the VPC only. */
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
  /** The EC2NodeClasses and NodePools: they need the release (its CRDs). */
  customResources: KubernetesObject[];
}

export interface KarpenterTargets<V> {
  clusterName: string;
  vpcCidr: string;
  /** The controller's IRSA role (an output, or the render's config value or placeholder). */
  roleArn: V;
}

export function karpenterDesiredState<V>(spec: KarpenterSpec, targets: KarpenterTargets<V>): KarpenterPlan {
  const ns = KARPENTER_NAMESPACE;
  const labels = karpenterLabels;
  const prerequisites = [restrictedNamespace(ns, labels), defaultDeny(ns, labels), allowDnsEgress(ns, labels), allowHttpsEgress(ns, "allow-egress-https", labels, targets.vpcCidr, KARPENTER_EGRESS_REASON)] as KubernetesObject[];
  return {
    prerequisites: structuredClone(prerequisites),
    chart: karpenterChart(spec, { clusterName: targets.clusterName, interruptionQueue: karpenterInterruptionQueueName(targets.clusterName), roleArn: targets.roleArn }),
    customResources: [...ec2NodeClasses(spec.pools, targets.clusterName), ...spec.pools.map(nodePool)],
  };
}
