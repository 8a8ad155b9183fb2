import type { SucceededRun } from "../offline/run";
import type { RecordedResource } from "../offline/recorder";
import { testLayer } from "./harness";

/** Stack configs of the public edge: each exposure with each load balancer, and the resources they register. */

export const ZONE = { id: "Z0123456789ABCDEFGHIJ", name: "example.com" } as const;
/** A plain host and a wildcard: the wildcard's certificate and DNS validation differ from a plain host's. */
export const EDGE_HOSTS = ["api.example.com", "*.apps.example.com"];
export const ACME_EMAIL = "ops@example.com";

export type Exposure = "internal" | "internet-facing";
export type LoadBalancer = "nlb" | "alb";
export const COMBINATIONS: [Exposure, LoadBalancer][] = [
  ["internal", "nlb"],
  ["internet-facing", "nlb"],
  ["internal", "alb"],
  ["internet-facing", "alb"],
];

/**
 * A prod stack with the gateway exposed as asked: an NLB with cert-manager's certificates per host (TLS at
 * the gateway), or an ALB (TLS at the ALB from ACM, a WAF); external-dns writing the hosts' records.
 */
export function edgeConfig(exposure: Exposure, loadBalancer: LoadBalancer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const nlb = loadBalancer === "nlb";
  return {
    profile: "prod",
    layers: [testLayer("front", { peers: ["back"] }), testLayer("back")],
    mesh: { gateway: { exposure, loadBalancer, edgeLayer: "front", hosts: EDGE_HOSTS, hostedZone: ZONE, ...(nlb ? { certificates: "cert-manager" } : {}) } },
    ...(nlb ? { certificates: { acme: { email: ACME_EMAIL } } } : {}),
    dns: {},
    ...extra,
  };
}

export function ofType(run: SucceededRun, type: string): RecordedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function onlyOfType(run: SucceededRun, type: string): RecordedResource {
  const found = ofType(run, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The IAM role (and its inline policy) whose trust policy names this service account. */
export function roleOf(run: SucceededRun, namespace: string, serviceAccount: string): { role: RecordedResource; policy: unknown; trust: any } {
  const subject = `system:serviceaccount:${namespace}:${serviceAccount}`;
  for (const role of ofType(run, "aws:iam/role:Role")) {
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    // Roles AWS services assume (the cluster's, the nodes') have no web-identity condition.
    const conditions = (trust.Statement[0].Condition?.StringEquals ?? {}) as Record<string, string | string[]>;
    const sub = Object.entries(conditions).find(([k]) => k.endsWith(":sub"))?.[1];
    if (sub !== subject) continue;
    const inline = run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.parent === role.parent);
    return { role, policy: inline ? JSON.parse(String(inline.inputs.policy)) : undefined, trust };
  }
  throw new Error(`no IAM role trusts ${subject}`);
}
