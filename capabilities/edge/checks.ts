import type { CheckContext } from "../../config/capability-config";
import type { ConfigIssue } from "../../config/issues";
import { prodMinimum } from "../../config/profiles";
import { isObject, type Raw } from "../../config/raw";
import { cluster } from "../cluster";
import { configuredGatewayHosts } from "../mesh";
import { edgeProdMinimums } from "./defaults";

const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

/**
 * The edge's checks: HA in prod; on an existing cluster (no AWS resource from Strata) the controller's role,
 * VPC and region, and an ALB's certificate and Web ACL, come from config; in EKS mode Strata makes them;
 * ALB settings only with an ALB; a certificate Strata requests needs the hosted zone to validate it in, and
 * named hosts.
 */
export function edgeIssues({ raw, profile, awsRegion, resolved }: CheckContext): ConfigIssue[] {
  const edge = section(raw, "edge");
  const gateway = section(section(raw, "mesh"), "gateway");
  const mode = resolved.of(cluster)?.mode;
  const issues: ConfigIssue[] = [];
  if (profile === "prod") issues.push(...prodMinimum("edge.replicas", edge.replicas, edgeProdMinimums.replicas, "load balancer controller replicas"));
  const controller = typeof edge.controller === "boolean" ? edge.controller : mode === "eks";
  for (const key of ["roleArn", "vpcId", "region"] as const) {
    if (mode === "eks" && edge[key] !== undefined) issues.push({ path: `edge.${key}`, message: "in EKS mode Strata knows this from the cluster it makes; it is for existing clusters" });
  }
  if (mode === "existing" && controller) {
    if (edge.roleArn === undefined) issues.push({ path: "edge.roleArn", message: "an existing cluster gets no AWS resources from Strata: name the IAM role the controller assumes (trusting aws-load-balancer-controller/aws-load-balancer-controller), or set edge.controller: false" });
    if (edge.vpcId === undefined) issues.push({ path: "edge.vpcId", message: "the controller places load balancers in the cluster's VPC: name it (an existing cluster)" });
    if (edge.region === undefined && awsRegion === undefined) issues.push({ path: "edge.region", message: "the controller calls AWS in the cluster's region: set it here or set aws:region" });
  }
  const alb = gateway.loadBalancer === "alb";
  if (edge.alb !== undefined && !alb) {
    issues.push({ path: "edge.alb", message: "applies to an ALB only: set mesh.gateway.loadBalancer: alb, or remove it" });
    return issues;
  }
  if (!alb) return issues;
  const settings = section(edge, "alb");
  if (settings.webAclArn !== undefined && settings.rateLimit !== undefined) {
    issues.push({ path: "edge.alb.rateLimit", message: "is the rate limit of the Web ACL Strata makes; with edge.alb.webAclArn the configured Web ACL's own rules apply" });
  }
  if (mode === "existing") {
    if (settings.certificateArn === undefined) issues.push({ path: "edge.alb.certificateArn", message: "an existing cluster gets no AWS resources from Strata: name the ACM certificate the ALB serves" });
    if (settings.webAclArn === undefined) issues.push({ path: "edge.alb.webAclArn", message: "an existing cluster gets no AWS resources from Strata: name the WAFv2 Web ACL the ALB is associated with" });
  }
  if (mode === "eks" && settings.certificateArn === undefined) {
    if (gateway.hostedZone === undefined) {
      issues.push({ path: "mesh.gateway.hostedZone", message: "the ALB's ACM certificate is validated by DNS records in a Route53 hosted zone: name it, or reference a certificate with edge.alb.certificateArn" });
    }
    const hosts = configuredGatewayHosts(raw);
    if (hosts.length === 0 && gateway.hosts === undefined) {
      issues.push({ path: "mesh.gateway.hosts", message: 'ACM issues certificates for named hosts: name the gateway\'s hosts (the default is "*"), or reference a certificate with edge.alb.certificateArn' });
    }
    for (const h of hosts.filter((h) => h.host === "*")) {
      issues.push({ path: h.path, message: 'ACM issues certificates for named hosts: "*" has none (name the hosts, or reference a certificate with edge.alb.certificateArn)' });
    }
  }
  return issues;
}
