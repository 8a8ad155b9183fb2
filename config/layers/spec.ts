
import type { DataServiceName } from "../../platform/data-services";
import type { AntiAffinityMode, CapacityClass } from "../../platform/placement";
import type { SpreadMode } from "../profiles";
import type { EgressSpec } from "./egress-schema";

export type { EgressSpec };

/** Resolved, fully specified configuration: what the desired-state functions take. No field is optional
 * unless its absence means something (e.g. no autoscaler). */

export interface PortSpec {
  name: string;
  port: number;
  protocol: "TCP" | "UDP" | "SCTP";
}

export interface ScalingPolicySpec {
  type: "Pods" | "Percent";
  value: number;
  periodSeconds: number;
}

export interface ScalingRulesSpec {
  stabilizationWindowSeconds?: number;
  selectPolicy?: "Max" | "Min" | "Disabled";
  policies?: ScalingPolicySpec[];
}

/** A per-pod metric: each pod's series `name` (recorded from `query` when given) should average `averageValue`. */
export interface PodsMetricSpec {
  type: "Pods";
  name: string;
  averageValue: string;
  query?: string;
}

/** A metric outside the cluster's objects: the sum of the series `name` matching `selector`, against `value` or, per replica, `averageValue`. */
export interface ExternalMetricSpec {
  type: "External";
  name: string;
  selector?: Record<string, string>;
  value?: string;
  averageValue?: string;
  query?: string;
}

export type AutoscalingMetricSpec = PodsMetricSpec | ExternalMetricSpec;

export interface AutoscalingSpec {
  minReplicas: number;
  maxReplicas: number;
  targetCPUUtilization?: number;
  targetMemoryUtilization?: number;
  /** Pods and External metrics, in config order; empty when the layer scales on CPU and memory only. */
  metrics: AutoscalingMetricSpec[];
  behavior?: { scaleUp?: ScalingRulesSpec; scaleDown?: ScalingRulesSpec };
}

export type PdbSpec = { minAvailable: number | string } | { maxUnavailable: number | string };

export interface KafkaAccessSpec {
  read: string[];
  write: string[];
}

export interface DataServicesSpec {
  kafka?: KafkaAccessSpec;
  postgres?: { database?: string };
  redis?: Record<string, never>;
}

/** A key of a secrets manager, as an ExternalSecret's `remoteRef` names it. */
export interface RemoteRefSpec {
  key: string;
  property?: string;
}

export interface SecretEnvSpec {
  secret: string;
  key: string;
  /** Absent: the default remote key (`<prefix>/<namespace>/<secret>`, property = `key`). */
  remoteRef?: RemoteRefSpec;
}

/** The layer namespace's ResourceQuota. */
export interface QuotaSpec {
  pods: number;
  requestsCpu: string;
  requestsMemory: string;
  limitsMemory: string;
  /** NVIDIA GPUs (`requests.nvidia.com/gpu`): only for a layer whose pods get GPUs. */
  requestsGpus?: number;
}

export interface ApplicationLayerSpec {
  name: string;
  description: string;
  image: string;
  capacityClass: CapacityClass;
  /** Fixed replicas; with autoscaling, the autoscaler's lower bound. */
  replicas: number;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  /** Environment variables from Secrets: name → Secret name and key (and where External Secrets reads it). */
  secretEnv: Record<string, SecretEnvSpec>;
  ports: PortSpec[];
  /** The container's CPU and memory. */
  resources: { requests: { cpu: string; memory: string }; limits: { cpu?: string; memory: string } };
  /** NVIDIA GPUs each pod gets (`resources.gpus`; gpu pool only); absent: none. */
  gpus?: number;
  probes: { port: string; livenessPath: string; readinessPath: string };
  metrics: { port: string; path: string };
  peers: string[];
  dataServices: DataServicesSpec;
  /** What must be up before the layer's pods start: other layers and data services (empty: nothing). */
  dependsOn: { layers: string[]; dataServices: DataServiceName[] };
  autoscaling?: AutoscalingSpec;
  pdb: PdbSpec;
  /** Absent: no anti-affinity (the profile's topology spread only). */
  antiAffinity?: AntiAffinityMode;
  serviceAccount: { automountToken: boolean; annotations: Record<string, string> };
  /** Extra pods a rolling update may start, in percent of replicas. */
  maxSurgePercent: number;
  quota: QuotaSpec;
  /** External hosts the layer may call through the egress gateway, in config order (empty: none). */
  egress: EgressSpec[];
  /** The tenant this layer is a copy for (a per-tenant layer's copy); absent on a shared layer. */
  tenant?: string;
}

export interface PlacementSpec {
  zoneSpread: SpreadMode;
  hostSpread: SpreadMode;
}


