import { list, record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import type { ObjectSubject, PolicyStack } from "../engine/stack";
import { isUnknown, prefixed, undetermined, type RuleMessage } from "../engine/unknown";
import { albAnnotation, albAnnotationUnknown, gatewaysBehind, internetFacingAlbs, internetFacingServices, serversOf, servesTls, undecidedEdgeFindings, undecidedServerFindings } from "./public-edge";

/** ACME directories that issue untrusted test certificates (Let's Encrypt's staging, Google's test API). */
const ACME_TEST_DIRECTORY = /staging|test-api/i;

/** What a cert-manager issuer is, as far as the public edge cares. */
function issuerProblem(stack: PolicyStack, certificate: ObjectSubject): RuleMessage | undefined {
  const ref = record(record(certificate.object.spec).issuerRef);
  const kind = String(ref.kind ?? "Issuer");
  const name = String(ref.name ?? "");
  const issuer = stack
    .ofKind("cert-manager.io", kind)
    .find((i) => i.name === name && (kind === "ClusterIssuer" || i.namespace === certificate.namespace));
  if (!issuer) return `its issuer ${kind} ${name} is not in the stack: its certificates cannot be judged`;
  const acme = record(record(issuer.object.spec).acme);
  if (isUnknown(acme.server)) return undetermined(`its issuer ${kind} ${name}'s spec.acme.server`);
  const server = typeof acme.server === "string" ? acme.server : undefined;
  if (!server) return `its issuer ${kind} ${name} is not an ACME issuer: browsers trust ACME production or ACM certificates at the public edge`;
  if (ACME_TEST_DIRECTORY.test(server)) return `its issuer ${kind} ${name} uses the ACME test directory ${server}, whose certificates no browser trusts`;
  return undefined;
}

/**
 * The certificates the internet sees are trusted ones. Behind an internet-facing LoadBalancer Service: every
 * HTTPS server's Secret is written by a cert-manager Certificate in the gateway's namespace whose issuer is
 * an ACME production directory. An internet-facing ALB: every certificate it names is an ACM certificate.
 */
export const networkPublicCertificateIssuer: StackRule = {
  name: "network-public-certificate-issuer",
  family: "network",
  summary: "an internet-facing load balancer's certificates come from ACME production (a cert-manager Certificate behind an NLB) or ACM (an ALB); advisory in dev",
  scope: "stack",
  checkStack(stack): Finding[] {
    const findings: Finding[] = undecidedEdgeFindings(stack);
    const certificates = stack.ofKind("cert-manager.io", "Certificate");
    for (const service of internetFacingServices(stack)) {
      for (const gateway of gatewaysBehind(stack, service)) {
        const servers = serversOf(gateway);
        findings.push(...undecidedServerFindings(gateway, servers));
        for (const server of servers.filter(servesTls)) {
          const secret = server.tls.credentialName;
          if (typeof secret !== "string") continue;
          const certificate = certificates.find((c) => c.namespace === gateway.namespace && record(c.object.spec).secretName === secret);
          const problem = certificate ? issuerProblem(stack, certificate) : `no cert-manager Certificate in ${gateway.namespace} writes it, so its issuer cannot be verified`;
          if (problem) findings.push({ subject: gateway, message: prefixed(`servers[${server.index}] serves the Secret ${secret} on the internet-facing ${service.namespace}/${service.name}: `, problem) });
        }
      }
    }
    for (const alb of internetFacingAlbs(stack)) {
      if (albAnnotationUnknown(alb, "certificateArn")) {
        findings.push({ subject: alb, message: undetermined("alb.ingress.kubernetes.io/certificate-arn") });
        continue;
      }
      const arns = (albAnnotation(alb, "certificateArn") ?? "").split(",").map((a) => a.trim()).filter(Boolean);
      for (const arn of arns.filter((a) => !/^arn:aws[a-z-]*:acm:/.test(a))) {
        findings.push({ subject: alb, message: `serves the certificate ${arn}, which is not an ACM certificate` });
      }
      if (arns.length === 0 && list(record(alb.object.spec).tls).length > 0) {
        findings.push({ subject: alb, message: "lets the controller discover its certificate by host: name the ACM certificate in alb.ingress.kubernetes.io/certificate-arn" });
      }
    }
    return findings;
  },
};
