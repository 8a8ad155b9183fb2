import { UNKNOWN } from "../policies/engine/unknown";
import { networkPublicAlbWaf } from "../policies/network/public-alb-waf";
import { networkPublicCertificateIssuer } from "../policies/network/public-certificate-issuer";
import { networkPublicEdgeTls } from "../policies/network/public-edge-tls";
import { platformNamespaces } from "../platform/namespaces";
import { describePolicyRule, object } from "./policy-support";

/**
 * The public edge's rules on fixtures: what an internet-facing NLB's gateway and an internet-facing ALB
 * must show (TLS on every host, HTTP redirected, a Web ACL, trusted certificates), each failing branch with
 * its exact message, and what they leave alone (internal load balancers).
 */

const GATEWAY = platformNamespaces.gateway;
const SELECTOR = { app: "istio-ingressgateway", istio: "ingressgateway" };
const PROD_ACME = "https://acme-v02.api.letsencrypt.org/directory";
const STAGING_ACME = "https://acme-staging-v02.api.letsencrypt.org/directory";
const ACM = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef";
const WAF = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/edge/01234567-89ab-cdef-0123-456789abcdef";

const nlb = (scheme: "internal" | "internet-facing" | undefined) =>
  object("v1", "Service", GATEWAY, "lb", { spec: { type: "LoadBalancer", selector: SELECTOR } }, scheme ? { annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": scheme } } : {});
const gateway = (servers: object[]) => object("networking.istio.io/v1", "Gateway", GATEWAY, "edge", { spec: { selector: SELECTOR, servers } });
const http = (hosts: string[], redirect: boolean) => ({ port: { number: 80, name: "http", protocol: "HTTP" }, hosts, ...(redirect ? { tls: { httpsRedirect: true } } : {}) });
const https = (hosts: string[], credentialName: string) => ({ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts, tls: { mode: "SIMPLE", credentialName } });
const issuer = (name: string, server?: string) => object("cert-manager.io/v1", "ClusterIssuer", undefined, name, { spec: server ? { acme: { server, email: "a@b.c", privateKeySecretRef: { name: "k" }, solvers: [] } } : { selfSigned: {} } });
const certificate = (secretName: string, issuerName: string) =>
  object("cert-manager.io/v1", "Certificate", GATEWAY, secretName, { spec: { secretName, dnsNames: ["api.example.com"], issuerRef: { kind: "ClusterIssuer", name: issuerName } } });
const alb = (annotations: Record<string, string>) =>
  object("networking.k8s.io/v1", "Ingress", GATEWAY, "edge", { spec: { ingressClassName: "alb", rules: [{ host: "api.example.com" }] } }, { annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing", ...annotations } });
/** What a first preview sends for the ALB's ARNs: the certificate and the Web ACL are created in the same update. */
const ALB_PREVIEW = { "alb.ingress.kubernetes.io/certificate-arn": UNKNOWN as string, "alb.ingress.kubernetes.io/wafv2-acl-arn": UNKNOWN as string };
const ALB_OK = {
  "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
  "alb.ingress.kubernetes.io/ssl-redirect": "443",
  "alb.ingress.kubernetes.io/certificate-arn": ACM,
  "alb.ingress.kubernetes.io/wafv2-acl-arn": WAF,
};

describePolicyRule(networkPublicEdgeTls, [
  {
    title: "an internet-facing NLB whose gateway serves its host over HTTPS and redirects HTTP",
    fixtures: [nlb("internet-facing"), gateway([http(["api.example.com"], true), https(["api.example.com"], "edge-tls")])],
    findings: [],
  },
  { title: "an internal NLB in front of a plain-HTTP gateway", fixtures: [nlb("internal"), gateway([http(["*"], false)])], findings: [] },
  { title: "an ALB with HTTPS, a certificate and the redirect", fixtures: [alb(ALB_OK)], findings: [] },
  { title: "an ALB with HTTPS and the redirect whose certificate ARN is unknown until apply: a certificate is named", fixtures: [alb({ ...ALB_OK, ...ALB_PREVIEW })], findings: [] },
  { title: "an internal ALB listening on HTTP only", fixtures: [alb({ "alb.ingress.kubernetes.io/scheme": "internal" })], findings: [] },
  {
    title: "an ALB whose listen-ports and ssl-redirect are unknown until apply: undetermined, not violations",
    fixtures: [alb({ ...ALB_OK, "alb.ingress.kubernetes.io/listen-ports": UNKNOWN as string, "alb.ingress.kubernetes.io/ssl-redirect": UNKNOWN as string })],
    findings: [
      `Ingress ${GATEWAY}/edge: UNDETERMINED metadata.annotations["alb.ingress.kubernetes.io/listen-ports"] is (unknown until apply): could not be judged in this preview`,
      `Ingress ${GATEWAY}/edge: UNDETERMINED metadata.annotations["alb.ingress.kubernetes.io/ssl-redirect"] is (unknown until apply): could not be judged in this preview`,
    ],
  },
  {
    title: "an ALB whose scheme is unknown until apply, and a LoadBalancer whose scheme is: each said, neither taken as internal",
    fixtures: [alb({ "alb.ingress.kubernetes.io/scheme": UNKNOWN as string }), object("v1", "Service", GATEWAY, "lb", { spec: { type: "LoadBalancer", selector: SELECTOR } }, { annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": UNKNOWN as string } })],
    findings: [
      `Service ${GATEWAY}/lb: UNDETERMINED metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] is (unknown until apply): whether it is an internet-facing load balancer could not be judged in this preview`,
      `Ingress ${GATEWAY}/edge: UNDETERMINED metadata.annotations["alb.ingress.kubernetes.io/scheme"] is (unknown until apply): whether it is an internet-facing load balancer could not be judged in this preview`,
    ],
  },
  {
    title: "a gateway server whose certificate Secret is unknown until apply: undetermined, its host not called plain text",
    fixtures: [nlb("internet-facing"), gateway([http(["api.example.com"], true), https(["api.example.com"], UNKNOWN as string)])],
    findings: [`Gateway ${GATEWAY}/edge: UNDETERMINED servers[1].tls is (unknown until apply): could not be judged in this preview`],
  },
  {
    title: "an internet-facing NLB (no scheme annotation: the in-tree default) in front of a plain-HTTP gateway",
    fixtures: [nlb(undefined), gateway([http(["api.example.com"], false)])],
    findings: [
      `Gateway ${GATEWAY}/edge: servers[0] serves HTTP behind the internet-facing ${GATEWAY}/lb without redirecting to HTTPS (tls.httpsRedirect: true)`,
      `Gateway ${GATEWAY}/edge: host "api.example.com" has no HTTPS server with a certificate behind the internet-facing ${GATEWAY}/lb`,
    ],
  },
  {
    title: "a host served over HTTP only, beside one with TLS (a wildcard covers one label only)",
    fixtures: [nlb("internet-facing"), gateway([http(["api.example.com", "a.b.example.com"], true), https(["*.example.com"], "edge-tls")])],
    findings: [`Gateway ${GATEWAY}/edge: host "a.b.example.com" has no HTTPS server with a certificate behind the internet-facing ${GATEWAY}/lb`],
  },
  {
    title: "an internet-facing NLB with no Istio Gateway behind it",
    fixtures: [nlb("internet-facing")],
    findings: [`Service ${GATEWAY}/lb: is internet-facing but no Istio Gateway serves the pods behind it: nothing says that its traffic is encrypted`],
  },
  {
    title: "an internet-facing ALB with HTTP alone (the controller's default listener)",
    fixtures: [alb({})],
    findings: [
      `Ingress ${GATEWAY}/edge: is an internet-facing ALB without an HTTPS listener and a certificate (listen-ports with HTTPS, certificate-arn)`,
      `Ingress ${GATEWAY}/edge: is an internet-facing ALB whose HTTP listener does not redirect to HTTPS (alb.ingress.kubernetes.io/ssl-redirect)`,
    ],
  },
  {
    title: "an internet-facing ALB with HTTPS but no redirect of its HTTP listener",
    fixtures: [alb({ ...ALB_OK, "alb.ingress.kubernetes.io/ssl-redirect": "" })],
    findings: [`Ingress ${GATEWAY}/edge: is an internet-facing ALB whose HTTP listener does not redirect to HTTPS (alb.ingress.kubernetes.io/ssl-redirect)`],
  },
]);

describePolicyRule(networkPublicAlbWaf, [
  { title: "an internet-facing ALB with a Web ACL", fixtures: [alb(ALB_OK)], findings: [] },
  { title: "an internal ALB without one", fixtures: [alb({ "alb.ingress.kubernetes.io/scheme": "internal" })], findings: [] },
  {
    title: "an Ingress whose class is unknown until apply: undetermined",
    fixtures: [object("networking.k8s.io/v1", "Ingress", GATEWAY, "maybe", { spec: { ingressClassName: UNKNOWN } })],
    findings: [`Ingress ${GATEWAY}/maybe: UNDETERMINED spec.ingressClassName is (unknown until apply): whether it is an internet-facing ALB could not be judged in this preview`],
  },
  { title: "an Ingress of another class", fixtures: [object("networking.k8s.io/v1", "Ingress", GATEWAY, "nginx", { spec: { ingressClassName: "nginx" } })], findings: [] },
  {
    title: "an internet-facing ALB without a Web ACL",
    fixtures: [alb({ ...ALB_OK, "alb.ingress.kubernetes.io/wafv2-acl-arn": "" })],
    findings: [`Ingress ${GATEWAY}/edge: is an internet-facing ALB without a WAFv2 Web ACL: name one in alb.ingress.kubernetes.io/wafv2-acl-arn`],
  },
  {
    title: "an internet-facing ALB (legacy class annotation) naming a WAF Classic ID",
    fixtures: [
      object("networking.k8s.io/v1", "Ingress", GATEWAY, "old", {}, { annotations: { "kubernetes.io/ingress.class": "alb", "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/wafv2-acl-arn": "abc-123" } }),
    ],
    findings: [`Ingress ${GATEWAY}/old: names "abc-123" as its Web ACL, which is not a regional WAFv2 Web ACL ARN`],
  },  {
    title: "an internet-facing ALB whose Web ACL ARN is unknown until apply (a first preview): undetermined, not a violation",
    fixtures: [alb({ ...ALB_OK, ...ALB_PREVIEW })],
    findings: [`Ingress ${GATEWAY}/edge: UNDETERMINED alb.ingress.kubernetes.io/wafv2-acl-arn is (unknown until apply): could not be judged in this preview`],
  },
]);

describePolicyRule(networkPublicCertificateIssuer, [
  {
    title: "an internet-facing NLB's certificate from Let's Encrypt production",
    fixtures: [nlb("internet-facing"), gateway([http(["api.example.com"], true), https(["api.example.com"], "edge-tls")]), certificate("edge-tls", "le"), issuer("le", PROD_ACME)],
    findings: [],
  },
  { title: "an internal NLB serving a Secret of its own", fixtures: [nlb("internal"), gateway([https(["api.example.com"], "mine")])], findings: [] },
  { title: "an internet-facing ALB with an ACM certificate", fixtures: [alb(ALB_OK)], findings: [] },
  {
    title: "an issuer whose ACME server is unknown until apply: undetermined, not 'not an ACME issuer'",
    fixtures: [nlb("internet-facing"), gateway([http(["api.example.com"], true), https(["api.example.com"], "edge-tls")]), certificate("edge-tls", "le"), issuer("le", UNKNOWN as string)],
    findings: [`Gateway ${GATEWAY}/edge: UNDETERMINED servers[1] serves the Secret edge-tls on the internet-facing ${GATEWAY}/lb: its issuer ClusterIssuer le's spec.acme.server is (unknown until apply): could not be judged in this preview`],
  },
  {
    title: "a Secret no Certificate writes",
    fixtures: [nlb("internet-facing"), gateway([https(["api.example.com"], "mine")])],
    findings: [`Gateway ${GATEWAY}/edge: servers[0] serves the Secret mine on the internet-facing ${GATEWAY}/lb: no cert-manager Certificate in ${GATEWAY} writes it, so its issuer cannot be verified`],
  },
  {
    title: "a certificate from Let's Encrypt staging",
    fixtures: [nlb("internet-facing"), gateway([https(["api.example.com"], "edge-tls")]), certificate("edge-tls", "le-staging"), issuer("le-staging", STAGING_ACME)],
    findings: [`Gateway ${GATEWAY}/edge: servers[0] serves the Secret edge-tls on the internet-facing ${GATEWAY}/lb: its issuer ClusterIssuer le-staging uses the ACME test directory ${STAGING_ACME}, whose certificates no browser trusts`],
  },
  {
    title: "a self-signed issuer, and an issuer the stack does not hold",
    fixtures: [
      nlb("internet-facing"),
      gateway([https(["a.example.com"], "a-tls"), https(["b.example.com"], "b-tls")]),
      certificate("a-tls", "self"),
      issuer("self"),
      certificate("b-tls", "elsewhere"),
    ],
    findings: [
      `Gateway ${GATEWAY}/edge: servers[0] serves the Secret a-tls on the internet-facing ${GATEWAY}/lb: its issuer ClusterIssuer self is not an ACME issuer: browsers trust ACME production or ACM certificates at the public edge`,
      `Gateway ${GATEWAY}/edge: servers[1] serves the Secret b-tls on the internet-facing ${GATEWAY}/lb: its issuer ClusterIssuer elsewhere is not in the stack: its certificates cannot be judged`,
    ],
  },
  {
    title: "an ALB serving an IAM server certificate",
    fixtures: [alb({ ...ALB_OK, "alb.ingress.kubernetes.io/certificate-arn": `${ACM},arn:aws:iam::123456789012:server-certificate/old` })],
    findings: [`Ingress ${GATEWAY}/edge: serves the certificate arn:aws:iam::123456789012:server-certificate/old, which is not an ACM certificate`],
  },  {
    title: "an ALB whose certificate ARN is unknown until apply (a first preview): undetermined, not a violation",
    fixtures: [alb({ ...ALB_OK, ...ALB_PREVIEW })],
    findings: [`Ingress ${GATEWAY}/edge: UNDETERMINED alb.ingress.kubernetes.io/certificate-arn is (unknown until apply): could not be judged in this preview`],
  },
]);
