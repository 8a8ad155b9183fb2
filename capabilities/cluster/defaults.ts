import type { BucketPurpose } from "../../platform/buckets";
import type { NodePool } from "../../platform/placement";
import type { Profile } from "../../config/profiles";
import type { LifecycleRuleSpec, NatGatewayMode, ControlPlaneLogType } from "./spec";

/**
 * The cluster's defaults. Profile-independent ones first, then per profile: dev is small and cheap (one
 * NAT gateway, a public API endpoint, short log retention); prod is highly available and closed (a NAT
 * gateway per zone, a private API endpoint, every control-plane log, data kept on delete).
 */

export interface NodeGroupDefaults {
  instanceTypes: string[];
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskSizeGiB: number;
}

export interface ClusterProfileDefaults {
  natGateways: NatGatewayMode;
  endpointPublicAccess: boolean;
  /** The CIDRs a public endpoint is open to when the config names none (dev only: prod requires them). */
  publicAccessCidrs: string[];
  logTypes: ControlPlaneLogType[];
  logRetentionDays: number;
  /** Per pool; the stateful pool's sizes are per zone (one node group per zone). */
  nodeGroups: Record<NodePool, NodeGroupDefaults>;
  /** Let `pulumi destroy` empty and delete the buckets. */
  bucketForceDestroy: boolean;
  bucketLifecycleRules: Record<BucketPurpose, LifecycleRuleSpec[]>;
  /** What happens to a dynamically provisioned volume when its claim is deleted. */
  volumeReclaimPolicy: "Delete" | "Retain";
}

export const clusterDefaults = {
  vpcCidr: "10.0.0.0/16",
  availabilityZoneCount: 3,
  /** The GPU pool's capacity type when the config names none. */
  gpuCapacityType: "ON_DEMAND" as const,
  /** Karpenter sizes the pools (all but system) unless the config says `cluster.autoscaling.mode: none`. */
  autoscalingMode: "karpenter" as "karpenter" | "none",
};

function rules(noncurrentDays: number): LifecycleRuleSpec[] {
  return [
    { id: "abort-incomplete-multipart-uploads", enabled: true, abortIncompleteMultipartUploadDays: 7 },
    { id: "expire-noncurrent-versions", enabled: true, noncurrentVersionExpirationDays: noncurrentDays },
  ];
}

/** Velero and Thanos expire their own objects; the bucket only cleans up what they leave behind. */
function bucketRules(noncurrentDays: number): Record<BucketPurpose, LifecycleRuleSpec[]> {
  return { backups: rules(noncurrentDays), metrics: rules(noncurrentDays), postgres: rules(noncurrentDays) };
}

export const clusterProfileDefaults: Record<Profile, ClusterProfileDefaults> = {
  dev: {
    natGateways: "single",
    endpointPublicAccess: true,
    publicAccessCidrs: ["0.0.0.0/0"],
    logTypes: ["api", "audit", "authenticator"],
    logRetentionDays: 7,
    nodeGroups: {
      system: { instanceTypes: ["m6i.large"], minSize: 1, desiredSize: 2, maxSize: 3, diskSizeGiB: 50 },
      stateful: { instanceTypes: ["r6i.large"], minSize: 1, desiredSize: 1, maxSize: 2, diskSizeGiB: 50 },
      "on-demand": { instanceTypes: ["m6i.large"], minSize: 1, desiredSize: 2, maxSize: 4, diskSizeGiB: 50 },
      spot: { instanceTypes: ["m6i.large", "m6a.large", "m5.large", "m5a.large"], minSize: 0, desiredSize: 3, maxSize: 8, diskSizeGiB: 50 },
      gpu: { instanceTypes: ["g5.xlarge", "g6.xlarge", "g4dn.xlarge"], minSize: 0, desiredSize: 1, maxSize: 2, diskSizeGiB: 100 },
    },
    bucketForceDestroy: true,
    bucketLifecycleRules: bucketRules(7),
    volumeReclaimPolicy: "Delete",
  },
  prod: {
    natGateways: "one-per-az",
    endpointPublicAccess: false,
    publicAccessCidrs: [],
    logTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    logRetentionDays: 90,
    nodeGroups: {
      system: { instanceTypes: ["m6i.large"], minSize: 3, desiredSize: 3, maxSize: 6, diskSizeGiB: 50 },
      stateful: { instanceTypes: ["r6i.xlarge"], minSize: 1, desiredSize: 2, maxSize: 4, diskSizeGiB: 100 },
      "on-demand": { instanceTypes: ["m6i.xlarge"], minSize: 3, desiredSize: 3, maxSize: 12, diskSizeGiB: 80 },
      spot: { instanceTypes: ["m6i.xlarge", "m6a.xlarge", "m5.xlarge", "m5a.xlarge", "m7i.xlarge"], minSize: 3, desiredSize: 6, maxSize: 30, diskSizeGiB: 80 },
      gpu: { instanceTypes: ["g5.xlarge", "g6.xlarge", "g4dn.xlarge"], minSize: 0, desiredSize: 1, maxSize: 4, diskSizeGiB: 200 },
    },
    bucketForceDestroy: false,
    bucketLifecycleRules: bucketRules(30),
    volumeReclaimPolicy: "Retain",
  },
};
