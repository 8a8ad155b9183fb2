import type { LifecycleRuleSpec } from "../../platform/buckets";
import type { AddonName } from "./addons";
import type { BucketPurpose } from "../../platform/buckets";
import type { NodePool } from "../../platform/placement";

/** The resolved cluster: what the cluster components take. Every default is spelled out. */

export type NatGatewayMode = "single" | "one-per-az";
export type ControlPlaneLogType = "api" | "audit" | "authenticator" | "controllerManager" | "scheduler";
export type CapacityType = "ON_DEMAND" | "SPOT";
export type AccessPolicy = "cluster-admin" | "admin" | "edit" | "view";


export interface BucketSpec {
  purpose: BucketPurpose;
  forceDestroy: boolean;
  lifecycleRules: LifecycleRuleSpec[];
}

export interface NodeGroupSpec {
  pool: NodePool;
  instanceTypes: string[];
  /** SPOT for interruptible pools (and a spot GPU pool), ON_DEMAND otherwise. */
  capacityType: CapacityType;
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskSizeGiB: number;
  /**
   * One node group per zone (sizes per zone) rather than one over all zones: for the stateful pool, whose
   * volumes are zonal, so that a node can be added in the zone a pending pod's volume lives in.
   */
  perZone: boolean;
}

/** A pool Karpenter provisions (every pool but `system`, in autoscaling mode `karpenter`). */
export interface AutoscaledPoolSpec {
  pool: Exclude<NodePool, "system">;
  /** Exactly these instance types (`cluster.nodeGroups.<pool>.instanceTypes`); absent: the pool's requirements (`karpenter.pools.<pool>.instances`). */
  instanceTypes?: string[];
  /** SPOT for the interruptible pool (and a spot GPU pool), ON_DEMAND otherwise. */
  capacityType: CapacityType;
  /** Root volume (encrypted gp3). */
  diskSizeGiB: number;
}

/** Who sizes the pools: Karpenter (the pools it provisions; the system pool stays a node group), or no one. */
export type ClusterAutoscalingSpec = { mode: "none" } | { mode: "karpenter"; pools: AutoscaledPoolSpec[] };

export interface AccessEntrySpec {
  principalArn: string;
  accessPolicy: AccessPolicy;
  /** Namespaces the policy is limited to; empty: the whole cluster. */
  namespaces: string[];
}

/** Explicit zone names, or how many of the region's available zones to take (in the region's order). */
export type AvailabilityZonesSpec = { names: string[] } | { count: number };

export interface EksClusterSpec {
  mode: "eks";
  /** The cluster name; absent: derived from the project and stack by the program. */
  name?: string;
  kubernetesVersion: string;
  availabilityZones: AvailabilityZonesSpec;
  vpcCidr: string;
  natGateways: NatGatewayMode;
  endpoint: { publicAccess: boolean; publicAccessCidrs: string[] };
  logTypes: ControlPlaneLogType[];
  logRetentionDays: number;
  accessEntries: AccessEntrySpec[];
  /** The managed node groups, in pool order (system, stateful, on-demand, spot, gpu); gpu only when configured; with Karpenter, system only. */
  nodeGroups: NodeGroupSpec[];
  autoscaling: ClusterAutoscalingSpec;
  /** The least spot share of the application layers' requested CPU at baseline, when the config asks for one. */
  spotShare?: { min: number };
  /** Pinned add-on versions; an add-on absent here runs the version EKS chose at creation. */
  addonVersions: Partial<Record<AddonName, string>>;
  buckets: BucketSpec[];
  storage: { volumeReclaimPolicy: "Delete" | "Retain" };
}

export interface ExistingClusterSpec {
  mode: "existing";
  name: string;
  /** Kubeconfig contents (a secret: the program wraps it as one). */
  kubeconfig?: string;
  context?: string;
  oidcProvider: { arn: string; url: string };
  /** The cluster's VPC CIDR (the API server's endpoint, the nodes, the AWS interface endpoints). */
  vpcCidr: string;
  buckets: Record<BucketPurpose, string>;
}

export type ClusterSpec = EksClusterSpec | ExistingClusterSpec;

/** Whether a pool has nodes in this cluster: a node group of it, or a pool Karpenter provisions (gpu only when configured). */
export function hasPool(spec: EksClusterSpec, pool: NodePool): boolean {
  return spec.nodeGroups.some((g) => g.pool === pool) || (spec.autoscaling.mode === "karpenter" && spec.autoscaling.pools.some((p) => p.pool === pool));
}

/** How many zones the cluster spans. */
export function zoneCount(zones: AvailabilityZonesSpec): number {
  return "names" in zones ? zones.names.length : zones.count;
}

export type { LifecycleRuleSpec, StorageClassName } from "../../platform/buckets";
