import type { PlacementSpec } from "../../config/layers/spec";
import { podPlacement } from "../../platform/placement";
import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { spreadConstraints } from "../../manifests/topology";
import { ALB_INGRESS_CLASS, EDGE_NAMESPACE, LOAD_BALANCER_CONTROLLER_POD_LABELS, LOAD_BALANCER_CONTROLLER_RELEASE, LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "./names";
import { loadBalancerControllerImage, loadBalancerControllerPin } from "./pins";
import type { EdgeSpec } from "./spec";

/** Where the controller finds the cluster's VPC: by ID (an existing cluster's, from config) or by the Name tag of the VPC Strata makes. */
export type VpcLookup = { vpcId: string } | { vpcTags: Record<string, string> };

export interface ControllerTargets<V> {
  clusterName: string;
  region: V;
  roleArn: V;
  vpc: VpcLookup;
}

/**
 * The AWS Load Balancer Controller's release (value keys: ../shared/chart-reference/aws-load-balancer-controller):
 * on the system pool, restricted, IRSA only, HA in prod (replicas, PDB, zone spread). Its Service mutator
 * webhook is off: Strata's Service names its `loadBalancerClass` itself, and that webhook (failure policy
 * Fail, every Service of the cluster) would stop every Service creation while the controller is down. Shield
 * Advanced and WAF Classic are off (not used); WAFv2 on (the ALB's Web ACL). IP targets by default.
 */
export function loadBalancerControllerChart<V>(spec: EdgeSpec, placement: PlacementSpec, targets: ControllerTargets<V>): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  const ha = spec.replicas > 1;
  return {
    ...loadBalancerControllerPin,
    releaseName: LOAD_BALANCER_CONTROLLER_RELEASE,
    includeCRDs: true,
    namespace: EDGE_NAMESPACE,
    values: {
      clusterName: targets.clusterName,
      region: targets.region,
      ...("vpcId" in targets.vpc ? { vpcId: targets.vpc.vpcId } : { vpcTags: targets.vpc.vpcTags }),
      replicaCount: spec.replicas,
      image: { ...loadBalancerControllerImage },
      serviceAccount: { create: true, name: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT, annotations: { [IRSA_ROLE_ANNOTATION]: targets.roleArn } },
      podSecurityContext: restrictedPodSecurityContext(),
      securityContext: restrictedContainerSecurityContext(),
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
      nodeSelector,
      tolerations,
      topologySpreadConstraints: spreadConstraints({ ...LOAD_BALANCER_CONTROLLER_POD_LABELS }, placement),
      podDisruptionBudget: ha ? { maxUnavailable: 1 } : {},
      enableServiceMutatorWebhook: false,
      enableShield: false,
      enableWaf: false,
      enableWafv2: true,
      defaultTargetType: "ip",
      ingressClass: ALB_INGRESS_CLASS,
      createIngressClassResource: true,
      ingressClassConfig: { default: false },
    },
  };
}
