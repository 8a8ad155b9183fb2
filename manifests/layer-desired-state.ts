import type { CloudValueSource } from "../platform/cloud-values";
import type { HelmChartSpec } from "./helm-chart";
import type { KubernetesObject } from "./kubernetes-object";

/** One layer's desired state in the cluster: its charts and its objects, as plain data. */
export interface LayerDesiredState {
  /** The layer's name: its directory in a rendered tree. */
  name: string;
  /** Charts the layer installs (operators); their custom resources are among `objects`. */
  helmCharts: HelmChartSpec[];
  /** Every Kubernetes object the layer creates, in a stable order. */
  objects: KubernetesObject[];
  /** The Argo CD sync wave a render gives the layer's objects (`startupWaves`); absent: none, which is wave 0. */
  startupWave?: number;
}

/** The names every metric carries as external labels. */
export interface StackIdentity {
  cluster: string;
  stack: string;
}

/** What desired-state functions may need beyond the config: what only the cloud, or the stack, knows. */
export interface CloudContext {
  /** Values only the cloud knows (bucket names, IRSA role ARNs, the region when config names none). */
  cloud: CloudValueSource;
  /** The cluster's and the stack's names: every metric's external labels. */
  identity: StackIdentity;
  /** The stack's remote-key prefix (`remoteKeyPrefix` in manifests/external-secret.ts): ExternalSecrets' remote keys. */
  remoteKeyPrefix: string;
}
