import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { loadBalancerControllerChart, type ControllerTargets } from "./chart";
import { gatewayService } from "./gateway-service";
import { albIngress, type AlbTargets } from "./ingress";
import { edgeNamespaceObjects } from "./namespace";
import type { EdgePlatform } from "./spec";

/**
 * The edge's desired state, in the order it is applied:
 * 1. `prerequisites` (with the controller): its namespace and network rules.
 * 2. `chart` (with the controller): the AWS Load Balancer Controller.
 * 3. `gatewayObjects`: what the controller turns into the load balancer — the gateway's Service (an NLB, or
 *    an ALB's backend) and, for an ALB, its Ingress. They wait for the controller, so that a destroy removes
 *    them (and the controller the load balancer) before the controller goes.
 */
export interface EdgePlan {
  prerequisites: KubernetesObject[];
  chart?: HelmChartSpec;
  gatewayObjects: KubernetesObject[];
}

export interface EdgeTargets<V> {
  controller: ControllerTargets<V>;
  /** An ALB's certificate and Web ACL (ALB only). */
  alb?: AlbTargets<V>;
}

export function edgeDesiredState<V>(platform: EdgePlatform, targets: EdgeTargets<V>): EdgePlan {
  const { edge, mesh } = platform;
  if (mesh.gateway.loadBalancer === "alb" && !targets.alb) throw new Error("an ALB needs its certificate and Web ACL");
  return {
    prerequisites: edge.controller ? edgeNamespaceObjects(platform.cluster.vpcCidr) : [],
    ...(edge.controller ? { chart: loadBalancerControllerChart(edge, platform.placement, targets.controller) } : {}),
    gatewayObjects: [gatewayService(mesh) as KubernetesObject, ...(targets.alb ? [albIngress(mesh, targets.alb)] : [])],
  };
}
