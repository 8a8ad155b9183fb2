import type { InstanceSelection } from "../../platform/instance-shapes";
import type { NodePool } from "../../platform/placement";

/** Karpenter's resolved config: every default applied. */

export type AutoscaledPool = Exclude<NodePool, "system">;

export interface DisruptionBudgetSpec {
  /** A count ("2") or share ("10%") of the pool's nodes. */
  nodes: string;
  reasons?: ("Underutilized" | "Empty" | "Drifted")[];
  schedule?: string;
  duration?: string;
}

export interface PoolLimitsSpec {
  /** Cores, as a quantity ("120"). */
  cpu: string;
  /** Bytes, as a quantity ("480Gi"). */
  memory: string;
  nodes?: number;
  gpus?: number;
}

export interface KarpenterPoolSpec {
  pool: AutoscaledPool;
  /** Karpenter's capacity type (`karpenter.sh/capacity-type`). */
  capacityType: "spot" | "on-demand";
  /** The instance types the pool draws from: the cluster's list, or requirements. */
  instances: InstanceSelection;
  /** Root volume (encrypted gp3), from `cluster.nodeGroups.<pool>.diskSizeGiB`. */
  diskSizeGiB: number;
  limits: PoolLimitsSpec;
  consolidationPolicy: "WhenEmptyOrUnderutilized" | "WhenEmpty" | "Balanced";
  consolidateAfter: string;
  expireAfter: string;
  /** The pool's own budgets, then (with a maintenance window) the one that stops voluntary disruption outside it. */
  budgets: DisruptionBudgetSpec[];
}

export interface MaintenanceWindowSpec {
  day: "daily" | "sunday" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday";
  /** "HH:MM", UTC. */
  start: string;
  /** "4h", "90m". */
  duration: string;
}

export interface KarpenterSpec {
  replicas: number;
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  /** In pool order (stateful, on-demand, spot, gpu); gpu only where the cluster has a gpu pool. */
  pools: KarpenterPoolSpec[];
  maintenanceWindow?: MaintenanceWindowSpec;
}
