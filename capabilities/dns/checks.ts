import type { CheckContext } from "../../config/capability-config";
import { roleIssues } from "../../config/existing-cluster-checks";
import type { ConfigIssue } from "../../config/issues";
import { isObject, type Raw } from "../../config/raw";
import { cluster } from "../cluster";

const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

/** external-dns's checks: never deleting records in prod; a hosted zone to write; an existing cluster's role. */
export function dnsIssues({ raw, profile, resolved }: CheckContext): ConfigIssue[] {
  if (raw.dns === undefined) return [];
  const dns = section(raw, "dns");
  const issues: ConfigIssue[] = [];
  if (profile === "prod" && dns.policy === "sync") {
    issues.push({ path: "dns.policy", message: "prod's DNS is upsert-only: external-dns never deletes a production record (a renamed host's old record is removed by hand)" });
  }
  if (section(section(raw, "mesh"), "gateway").hostedZone === undefined) {
    issues.push({ path: "mesh.gateway.hostedZone", message: "external-dns writes the gateway hosts' records into a Route53 hosted zone: name it ({id, name})" });
  }
  issues.push(...roleIssues("dns.roleArn", dns.roleArn, resolved.of(cluster)?.mode, " external-dns assumes for Route53 (trusting the external-dns namespace's external-dns service account)"));
  return issues;
}
