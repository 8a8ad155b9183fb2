import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { KARPENTER_DISCOVERY_TAG, karpenterNodeInstanceProfileName } from "../cluster";
import { KARPENTER_AWS_GROUP, karpenterLabels } from "./names";
import { NODE_IMAGE_ALIAS } from "./pins";
import type { KarpenterPoolSpec } from "./spec";

/**
 * The EC2NodeClasses: how Karpenter launches a node, one class per need (root volume size), shared by the
 * pools that need the same. Every node: IMDSv2 only, with a hop limit of 1 (pods, which reach AWS through
 * IRSA, cannot read the node role's credentials); an encrypted gp3 root volume; the pinned AL2023 image;
 * the cluster's private subnets and security group by the discovery tag; Strata's instance profile.
 */

export const ROOT_DEVICE = "/dev/xvda";

/** The class a pool's nodes are launched with. */
export function nodeClassName(pool: Pick<KarpenterPoolSpec, "diskSizeGiB">): string {
  return `root-${pool.diskSizeGiB}gib`;
}

export function ec2NodeClass(name: string, diskSizeGiB: number, clusterName: string): KubernetesObject {
  const discovery = [{ tags: { [KARPENTER_DISCOVERY_TAG]: clusterName } }];
  return {
    apiVersion: `${KARPENTER_AWS_GROUP}/v1`,
    kind: "EC2NodeClass",
    metadata: { name, labels: karpenterLabels },
    spec: {
      amiSelectorTerms: [{ alias: NODE_IMAGE_ALIAS }],
      instanceProfile: karpenterNodeInstanceProfileName(clusterName),
      subnetSelectorTerms: discovery,
      securityGroupSelectorTerms: structuredClone(discovery),
      metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
      blockDeviceMappings: [{ deviceName: ROOT_DEVICE, rootVolume: true, ebs: { volumeSize: `${diskSizeGiB}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true } }],
    },
  };
}

/** One class per distinct root volume size, in the pools' order. */
export function ec2NodeClasses(pools: KarpenterPoolSpec[], clusterName: string): KubernetesObject[] {
  const sizes = [...new Set(pools.map((p) => p.diskSizeGiB))];
  return sizes.map((size) => ec2NodeClass(nodeClassName({ diskSizeGiB: size }), size, clusterName));
}
