import type { Finding, StackRule } from "../engine/rule";
import { undetermined } from "../engine/unknown";
import { ALB_ANNOTATION, albAnnotation, albAnnotationUnknown, gatewaysBehind, hostCovers, internetFacingAlbs, internetFacingServices, serversOf, servesTls, tlsUnknown, undecidedEdgeFindings, undecidedServerFindings } from "./public-edge";

/** Whether an ALB's listen-ports name an HTTP listener (the controller's default is HTTP :80 alone). */
function albListens(ports: string | undefined): { http: boolean; https: boolean } {
  if (!ports) return { http: true, https: false };
  try {
    const parsed = JSON.parse(ports) as unknown;
    const keys = (Array.isArray(parsed) ? parsed : []).flatMap((p) => (p && typeof p === "object" ? Object.keys(p) : []));
    return { http: keys.includes("HTTP"), https: keys.includes("HTTPS") };
  } catch {
    return { http: true, https: false };
  }
}

/**
 * What the internet reaches is encrypted. Behind an internet-facing LoadBalancer Service (an NLB passes
 * connections through), every Istio Gateway the Service sends to serves each of its hosts over HTTPS with a
 * certificate and redirects every HTTP server to HTTPS. An internet-facing ALB listens on HTTPS with a
 * certificate, and any HTTP listener redirects to HTTPS.
 */
export const networkPublicEdgeTls: StackRule = {
  name: "network-public-edge-tls",
  family: "network",
  summary: "an internet-facing load balancer serves every host over TLS and redirects HTTP: the Istio Gateways behind a LoadBalancer Service, an ALB Ingress's listeners; advisory in dev",
  scope: "stack",
  checkStack(stack): Finding[] {
    const findings: Finding[] = undecidedEdgeFindings(stack);
    for (const service of internetFacingServices(stack)) {
      const gateways = gatewaysBehind(stack, service);
      if (gateways.length === 0) {
        findings.push({ subject: service, message: "is internet-facing but no Istio Gateway serves the pods behind it: nothing says that its traffic is encrypted" });
      }
      for (const gateway of gateways) {
        const servers = serversOf(gateway);
        // A server whose TLS a preview does not know is said, and its hosts are not called plain text.
        findings.push(...undecidedServerFindings(gateway, servers));
        const tlsPatterns = servers.filter((s) => servesTls(s) || tlsUnknown(s)).flatMap((s) => s.hosts);
        for (const server of servers.filter((s) => s.protocol === "HTTP" && !tlsUnknown(s) && s.tls.httpsRedirect !== true)) {
          findings.push({ subject: gateway, message: `servers[${server.index}] serves HTTP behind the internet-facing ${service.namespace}/${service.name} without redirecting to HTTPS (tls.httpsRedirect: true)` });
        }
        const hosts = [...new Set(servers.flatMap((s) => s.hosts))];
        for (const host of hosts.filter((h) => !tlsPatterns.some((p) => hostCovers(p, h)))) {
          findings.push({ subject: gateway, message: `host "${host}" has no HTTPS server with a certificate behind the internet-facing ${service.namespace}/${service.name}` });
        }
      }
    }
    for (const alb of internetFacingAlbs(stack)) {
      const unknown = (["listenPorts", "sslRedirect"] as const).filter((key) => albAnnotationUnknown(alb, key));
      if (unknown.length) {
        findings.push(...unknown.map((key) => ({ subject: alb, message: undetermined(`metadata.annotations["${ALB_ANNOTATION[key]}"]`) })));
        continue;
      }
      const listens = albListens(albAnnotation(alb, "listenPorts"));
      const tls = listens.https && (albAnnotation(alb, "certificateArn") !== undefined || albAnnotationUnknown(alb, "certificateArn") || Array.isArray((alb.object.spec as { tls?: unknown })?.tls));
      if (!tls) findings.push({ subject: alb, message: "is an internet-facing ALB without an HTTPS listener and a certificate (listen-ports with HTTPS, certificate-arn)" });
      if (listens.http && albAnnotation(alb, "sslRedirect") === undefined) {
        findings.push({ subject: alb, message: "is an internet-facing ALB whose HTTP listener does not redirect to HTTPS (alb.ingress.kubernetes.io/ssl-redirect)" });
      }
    }
    return findings;
  },
};
