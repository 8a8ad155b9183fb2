import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { restrictedPodSecurityContext } from "../../manifests/security-context";
import { HOST_TOPOLOGY_KEY, ZONE_TOPOLOGY_KEY } from "../../manifests/topology";
import { parseImageReference } from "../../platform/image-reference";
import { podPlacement } from "../../platform/placement";
import { KARPENTER_NAMESPACE, KARPENTER_RELEASE, KARPENTER_SERVICE_ACCOUNT } from "./names";
import { karpenterImages, karpenterPin } from "./pins";
import type { KarpenterSpec } from "./spec";

/** The label Karpenter puts on every node it launches: its controller must never run there. */
export const NODEPOOL_LABEL = "karpenter.sh/nodepool";
/** Karpenter's metrics and health ports (the chart's defaults, named once). */
export const KARPENTER_METRICS_PORT = 8080;
export const KARPENTER_HEALTH_PORT = 8081;

function controllerImage() {
  const ref = parseImageReference(karpenterImages.controller);
  if (!ref?.tag || !ref.digest) throw new Error(`${karpenterImages.controller} must be pinned by tag and digest`);
  return { repository: ref.repository, tag: ref.tag, digest: ref.digest };
}

export interface ChartTargets<V> {
  clusterName: string;
  interruptionQueue: string;
  roleArn: V;
}

/**
 * Karpenter's release (value keys: ../shared/chart-reference/karpenter/values.yaml). The controller runs on
 * the system pool's managed nodes and never on a node of its own (the chart's affinity, kept explicit), spread
 * over zones and hosts, restricted (the chart's container context plus RuntimeDefault seccomp), credentials
 * from IRSA only. `isolatedVPC`: it calls only what the VPC's interface endpoints serve (no Pricing API, no
 * IAM). Interruption events from the queue. The chart's PodDisruptionBudget (maxUnavailable 1) keeps one of
 * prod's two replicas through a drain.
 */
export function karpenterChart<V>(spec: KarpenterSpec, targets: ChartTargets<V>): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  return {
    ...karpenterPin,
    releaseName: KARPENTER_RELEASE,
    namespace: KARPENTER_NAMESPACE,
    includeCRDs: true,
    values: {
      replicas: spec.replicas,
      serviceAccount: { create: true, name: KARPENTER_SERVICE_ACCOUNT, annotations: { [IRSA_ROLE_ANNOTATION]: targets.roleArn } },
      podDisruptionBudget: { name: KARPENTER_RELEASE, maxUnavailable: 1 },
      podSecurityContext: restrictedPodSecurityContext(),
      nodeSelector: { "kubernetes.io/os": "linux", ...nodeSelector },
      tolerations,
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: NODEPOOL_LABEL, operator: "DoesNotExist" }] }] } },
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOST_TOPOLOGY_KEY }] },
      },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: "DoNotSchedule" }],
      controller: {
        image: controllerImage(),
        securityContext: { seccompProfile: { type: "RuntimeDefault" } },
        resources: structuredClone(spec.resources),
        metrics: { port: KARPENTER_METRICS_PORT },
        healthProbe: { port: KARPENTER_HEALTH_PORT },
      },
      logLevel: "info",
      serviceMonitor: { enabled: false },
      settings: {
        clusterName: targets.clusterName,
        interruptionQueue: targets.interruptionQueue,
        isolatedVPC: true,
      },
    },
  };
}
