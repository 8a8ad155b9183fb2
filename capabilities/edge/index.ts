import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { cluster, vpcNameTag } from "../cluster";
import { mesh } from "../mesh";
import { edgeIssues } from "./checks";
import type { Edge } from "./component";
import { edgeProfileDefaults } from "./defaults";
import { edgeDesiredState } from "./desired-state";
import { CONTROLLER_PUBLIC_EGRESS_POLICY, CONTROLLER_PUBLIC_EGRESS_REASON } from "./namespace";
import { EDGE_NAMESPACE, LOAD_BALANCER_CONTROLLER_ROLE } from "./names";
import { loadBalancerControllerImage, loadBalancerControllerPin } from "./pins";
import { resolveEdge } from "./resolve";
import { edgeSchema } from "./schema";
import type { EdgePlatform, EdgeSpec } from "./spec";

export type { Edge, EdgeArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const edgeComponents = (): typeof import("./component") => require("./component");
export { edgeDesiredState, type EdgePlan, type EdgeTargets } from "./desired-state";
export { gatewayService, nlbAnnotations, GATEWAY_HEALTH_PATH } from "./gateway-service";
export { albAnnotations, albIngress, ALB_SSL_POLICY } from "./ingress";
export { loadBalancerControllerPolicy } from "./iam";
export { webAclArgs, WEB_ACL_RULES } from "./waf";
export * from "./names";
export { LOAD_BALANCER_CONTROLLER_VERSION, loadBalancerControllerImage, loadBalancerControllerPin } from "./pins";
export type * from "./spec";

/** The gateway's load balancer (the stack's `edge` output). */
export interface EdgeOutputs {
  exposure: "internal" | "internet-facing";
  loadBalancer: "nlb" | "alb";
  /** The load balancer's DNS name (the NLB's or the ALB's); empty until AWS has made it. */
  address: string;
  /** The hosts it serves. */
  hosts: string[];
  /** ALB only: the ACM certificate it serves and the WAFv2 Web ACL associated with it. */
  certificateArn?: string;
  webAclArn?: string;
}

/** Why the controller's namespace may reach every address on 443 (the pack's exemption). */
const PUBLIC_EGRESS_EXEMPTION = `The AWS Load Balancer Controller's pods (app.kubernetes.io/name: aws-load-balancer-controller) reach 0.0.0.0/0 on 443 only: ${CONTROLLER_PUBLIC_EGRESS_REASON}.`;

function platformOf(spec: EdgeSpec, context: LayerObjectsContext): EdgePlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)!, mesh: context.resolved.of(mesh)!, edge: spec };
}

/**
 * The AWS side of the public edge: the AWS Load Balancer Controller (its IRSA role of the published policy)
 * and what it turns into the gateway's load balancer — an NLB from the gateway's Service, or an ALB from an
 * Ingress with an ACM certificate and a WAFv2 Web ACL (mesh.gateway.exposure and loadBalancer say which).
 */
export const edge = defineCapability({
  name: "edge",
  summary: "the AWS Load Balancer Controller and the gateway's load balancer: an NLB, or an ALB with ACM and WAFv2",
  config: { key: "edge", schema: edgeSchema },
  defaults: edgeProfileDefaults,
  needs: ["cluster", "mesh"],
  namespaces: [{ name: EDGE_NAMESPACE, exemptions: [{ rule: "network-no-wide-open-allow", kind: "NetworkPolicy", name: CONTROLLER_PUBLIC_EGRESS_POLICY, reason: PUBLIC_EGRESS_EXEMPTION }] }],
  charts: [loadBalancerControllerPin],
  images: [`${loadBalancerControllerImage.repository}:${loadBalancerControllerImage.tag}`],
  crdGroups: ["elbv2.k8s.aws", "aga.k8s.aws", "gateway.k8s.aws"],
  checks: edgeIssues,
  resolve: ({ input, profile, resolved, awsRegion }): EdgeSpec => resolveEdge(input ?? {}, profile, resolved.of(cluster)!, resolved.of(mesh)!, awsRegion),
  desiredState(spec, context) {
    const cloud = context.cloud;
    const alb = spec.alb;
    const plan = edgeDesiredState(platformOf(spec, context), {
      controller: {
        clusterName: context.identity.cluster,
        region: spec.region ?? cloud.region(),
        roleArn: spec.roleArn ?? cloud.roleArn(LOAD_BALANCER_CONTROLLER_ROLE),
        vpc: spec.vpcId ? { vpcId: spec.vpcId } : { vpcTags: { Name: vpcNameTag(context.identity.cluster) } },
      },
      ...(alb
        ? {
            alb: {
              certificateArn: alb.certificateArn ?? cloud.generatedName("alb_certificate_arn", "ARN of the ACM certificate Strata requests for the ALB (stack output edge.certificateArn)", "edge.alb.certificateArn"),
              webAclArn: alb.webAclArn ?? cloud.generatedName("alb_web_acl_arn", "ARN of the WAFv2 Web ACL Strata makes for the ALB (stack output edge.webAclArn)", "edge.alb.webAclArn"),
            },
          }
        : {}),
    });
    return [{ name: "edge", helmCharts: plan.chart ? [plan.chart] : [], objects: [...plan.prerequisites, ...plan.gatewayObjects] }];
  },
  deploy(spec, context): Edge {
    const nodes = context.handle(cluster)!;
    return new (edgeComponents().Edge)(
      "edge",
      {
        platform: platformOf(spec, context),
        cluster: nodes,
        mesh: context.handle(mesh)!,
        clusterName: context.identity.cluster,
        provider: nodes.kubernetesProvider,
        awsProvider: context.awsProvider,
        workloadDependsOn: nodes.nodeGroupsOf("system"),
      },
      { parent: context.parent },
    );
  },
  // Without Strata's controller (an existing cluster running its own) the CRDs are the cluster's already:
  // the edge component, which then installs nothing, stands in.
  crdInstaller: (handle) => handle.release ?? handle,
  outputs: (handle) => ({
    edge: pulumiSdk().output({
      exposure: handle.exposure,
      loadBalancer: handle.loadBalancer,
      address: handle.address,
      hosts: handle.hosts,
      ...(handle.certificateArn ? { certificateArn: handle.certificateArn } : {}),
      ...(handle.webAclArn ? { webAclArn: handle.webAclArn } : {}),
    }),
  }),
});
