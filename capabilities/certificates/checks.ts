import type { CheckContext } from "../../config/capability-config";
import { roleIssues } from "../../config/existing-cluster-checks";
import type { ConfigIssue } from "../../config/issues";
import { isObject, type Raw } from "../../config/raw";
import { cluster } from "../cluster";

const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

/** cert-manager's checks: prod's certificates from Let's Encrypt production; a hosted zone to answer DNS-01 in; an existing cluster's role. */
export function certificatesIssues({ raw, profile, resolved }: CheckContext): ConfigIssue[] {
  if (raw.certificates === undefined) return [];
  const certificates = section(raw, "certificates");
  const issues: ConfigIssue[] = [];
  if (profile === "prod" && section(certificates, "acme").server === "staging") {
    issues.push({ path: "certificates.acme.server", message: "prod's certificates come from Let's Encrypt production: staging certificates are not trusted by any browser (dev only)" });
  }
  if (section(section(raw, "mesh"), "gateway").hostedZone === undefined) {
    issues.push({ path: "mesh.gateway.hostedZone", message: "cert-manager answers DNS-01 challenges in a Route53 hosted zone: name it ({id, name})" });
  }
  issues.push(...roleIssues("certificates.roleArn", certificates.roleArn, resolved.of(cluster)?.mode, " cert-manager assumes for Route53 (trusting the cert-manager namespace's cert-manager service account)"));
  return issues;
}
