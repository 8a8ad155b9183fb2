import { strict as assert } from "node:assert";
import { ACME_EMAIL, EDGE_HOSTS, edgeConfig, ZONE } from "./edge-support";
import { EXISTING, EXISTING_SERVICES } from "./cluster-support";
import { specOf, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * The public edge's config: every new key of mesh.gateway, edge, certificates and dns with its invalid
 * values and the combinations it refuses, each rejected by the real program with its key path and nothing
 * registered; and what the valid keys resolve to.
 */

const layers = [testLayer("front", { peers: ["back"] }), testLayer("back")];
const gw = (gateway: Record<string, unknown>, extra: Record<string, unknown> = {}, profile = "dev") => ({ profile, layers, mesh: { gateway: { edgeLayer: "front", ...gateway } }, ...extra });
const cm = { certificates: { acme: { email: ACME_EMAIL } } };
const zoned = { hosts: ["api.example.com"], hostedZone: ZONE };
const cases: InvalidCase[] = [
  // mesh.gateway: exposure and load balancer
  { title: "an unknown exposure", config: gw({ exposure: "public" }), issues: [issue("mesh.gateway.exposure", /internal|internet-facing/)] },
  { title: "an unknown load balancer", config: gw({ loadBalancer: "clb" }), issues: [issue("mesh.gateway.loadBalancer", /nlb|alb/)] },
  { title: "an unknown client address mode", config: gw({ clientAddress: "forwarded" }), issues: [issue("mesh.gateway.clientAddress", /preserve|proxy-protocol/)] },
  { title: "a client address mode for an ALB", config: gw({ loadBalancer: "alb", clientAddress: "preserve", ...zoned }), issues: [issue("mesh.gateway.clientAddress", /NLB only/)] },
  { title: "a hosted zone ID that is not one", config: gw({ hostedZone: { id: "zone-1", name: "example.com" } }), issues: [issue("mesh.gateway.hostedZone.id", /Route53 hosted zone ID/)] },
  { title: "a hosted zone name with a trailing dot", config: gw({ hostedZone: { id: ZONE.id, name: "example.com." } }), issues: [issue("mesh.gateway.hostedZone.name", /DNS-1123 subdomain/)] },
  { title: "a host outside the hosted zone", config: gw({ hosts: ["api.example.org"], hostedZone: ZONE }), issues: [issue("mesh.gateway.hosts[0]", /"api\.example\.org" is not in the hosted zone example\.com/)] },
  {
    title: "a tenant's host outside the hosted zone",
    config: {
      profile: "dev",
      layers: [testLayer("front", { tenancy: "per-tenant" })],
      tenants: [{ name: "acme", hosts: ["acme.example.com"] }, { name: "globex", hosts: ["globex.example.net"] }],
      mesh: { gateway: { hostedZone: ZONE } },
    },
    issues: [issue("tenants[1].hosts[0]", /"globex\.example\.net" is not in the hosted zone/)],
  },
  // TLS
  { title: "certificates that cert-manager does not issue", config: gw({ certificates: "acm" }), issues: [issue("mesh.gateway.certificates", /cert-manager/)] },
  { title: "cert-manager's certificates without cert-manager", config: gw({ certificates: "cert-manager", ...zoned }), issues: [issue("mesh.gateway.certificates", /configure strata:certificates/)] },
  {
    title: "cert-manager's certificates without cert-manager or a zone",
    config: gw({ certificates: "cert-manager", hosts: ["api.example.com"] }),
    issues: [issue("mesh.gateway.certificates", /configure strata:certificates/), issue("mesh.gateway.hostedZone", /solves its DNS-01 challenges/)],
  },
  {
    title: "cert-manager's certificates without a hosted zone, and for the default host *",
    config: gw({ certificates: "cert-manager" }, cm),
    issues: [issue("mesh.gateway.hostedZone", /DNS-01/), issue("mesh.gateway.hosts", /named hosts/)],
  },
  {
    title: "cert-manager's certificates and a TLS Secret",
    config: gw({ certificates: "cert-manager", tlsSecret: "mine", ...zoned }, cm),
    issues: [issue("mesh.gateway.certificates", /either tlsSecret .* or certificates: cert-manager/)],
  },
  { title: "a certificate for the host *", config: gw({ certificates: "cert-manager", hosts: ["*"], hostedZone: ZONE }, cm), issues: [issue("mesh.gateway.hosts[0]", /named hosts: "\*" has none/, /not in the hosted zone/)] },
  { title: "a TLS version below 1.2", config: gw({ minTlsVersion: "1.1" }), issues: [issue("mesh.gateway.minTlsVersion", /1\.2|1\.3/)] },
  { title: "a TLS Secret behind an ALB", config: gw({ loadBalancer: "alb", tlsSecret: "mine", ...zoned }), issues: [issue("mesh.gateway.tlsSecret", /TLS ends at the ALB/)] },
  // internet-facing
  { title: "an internet-facing gateway on the default host *", config: gw({ exposure: "internet-facing", tlsSecret: "mine" }), issues: [issue("mesh.gateway.hosts", /names its hosts/)] },
  { title: "an internet-facing gateway serving *", config: gw({ exposure: "internet-facing", tlsSecret: "mine", hosts: ["*", "api.example.com"] }), issues: [issue("mesh.gateway.hosts[0]", /names its hosts: "\*"/)] },
  { title: "an internet-facing NLB without TLS", config: gw({ exposure: "internet-facing", hosts: ["api.example.com"] }), issues: [issue("mesh.gateway.exposure", /must then serve HTTPS/)] },
  {
    title: "prod: an internet-facing NLB with a Secret of unknown issuer",
    config: gw({ exposure: "internet-facing", tlsSecret: "mine", hosts: ["api.example.com"] }, {}, "prod"),
    issues: [issue("mesh.gateway.tlsSecret", /ACME production .* or ACM/)],
  },
  // paths and faults
  { title: "a path without its leading slash", config: gw({ paths: [{ prefix: "api/v1" }] }), issues: [issue("mesh.gateway.paths[0].prefix", /starting with "\/"/)] },
  { title: "a rewrite that is not a path", config: gw({ paths: [{ prefix: "/api", rewrite: "v1" }] }), issues: [issue("mesh.gateway.paths[0].rewrite", /URI path/)] },
  { title: "a path listed twice", config: gw({ paths: [{ prefix: "/api" }, { prefix: "/api" }] }), issues: [issue("mesh.gateway.paths[1].prefix", /listed twice/)] },
  { title: "no paths at all", config: gw({ paths: [] }), issues: [issue("mesh.gateway.paths", />=1|at least/i)] },
  { title: "a fault percentage of 0", config: gw({ faultInjection: { delay: { percentage: 0, fixedDelay: "5s" } } }), issues: [issue("mesh.gateway.faultInjection.delay.percentage", /above 0/)] },
  { title: "a fault percentage above 100", config: gw({ faultInjection: { abort: { percentage: 150, httpStatus: 503 } } }), issues: [issue("mesh.gateway.faultInjection.abort.percentage", /at most 100/)] },
  { title: "an abort with a success status", config: gw({ faultInjection: { abort: { percentage: 1, httpStatus: 200 } } }), issues: [issue("mesh.gateway.faultInjection.abort.httpStatus", />=400/)] },
  { title: "a delay that is not a duration", config: gw({ faultInjection: { delay: { percentage: 1, fixedDelay: "5 seconds" } } }), issues: [issue("mesh.gateway.faultInjection.delay.fixedDelay", /not a duration/)] },
  { title: "fault injection naming no fault", config: gw({ faultInjection: {} }), issues: [issue("mesh.gateway.faultInjection", /names no fault/)] },
  {
    title: "prod: fault injection not explicitly allowed",
    config: gw({ faultInjection: { delay: { percentage: 0.1, fixedDelay: "5s" } } }, {}, "prod"),
    issues: [issue("mesh.gateway.faultInjection", /allowInProd: true/)],
  },
  {
    title: "fault injection allowed in prod by a string",
    config: gw({ faultInjection: { delay: { percentage: 0.1, fixedDelay: "5s" }, allowInProd: "yes" } }),
    issues: [issue("mesh.gateway.faultInjection.allowInProd", /boolean/)],
  },
  { title: "a hosted zone without its name", config: gw({ hostedZone: { id: ZONE.id } }), issues: [issue("mesh.gateway.hostedZone.name", /string|required/i)] },
  { title: "the retired key scheme", config: gw({ scheme: "internal" }), issues: [issue("mesh.gateway.scheme", /unknown key .*exposure, loadBalancer/)] },
  // edge
  { title: "edge.controller not a boolean", config: gw({}, { edge: { controller: "yes" } }), issues: [issue("edge.controller", /boolean/)] },
  { title: "no controller replicas", config: gw({}, { edge: { replicas: 0 } }), issues: [issue("edge.replicas", />=1/)] },
  { title: "prod: one controller replica", config: gw({}, { edge: { replicas: 1 } }, "prod"), issues: [issue("edge.replicas", /at least 2 load balancer controller replicas/)] },
  {
    title: "EKS mode: a controller role, VPC and region from config",
    config: gw({}, { edge: { roleArn: "arn:aws:iam::123456789012:role/lbc", vpcId: "vpc-0123456789abcdef0", region: "eu-west-1" } }),
    issues: [issue("edge.roleArn", /EKS mode/), issue("edge.vpcId", /EKS mode/), issue("edge.region", /EKS mode/)],
  },
  { title: "more controller replicas than 5", config: gw({}, { edge: { replicas: 6 } }), issues: [issue("edge.replicas", /<=5/)] },
  {
    title: "an existing cluster's controller role and region that are not ones",
    config: { profile: "dev", layers, cluster: EXISTING, ...EXISTING_SERVICES, edge: { controller: true, roleArn: "lbc", vpcId: "vpc-0123456789abcdef0", region: "europe" } },
    issues: [issue("edge.roleArn", /IAM role ARN/), issue("edge.region", /AWS region/)],
  },
  { title: "a typo in the ALB's section", config: gw({ loadBalancer: "alb", ...zoned }, { edge: { alb: { rateLimt: 100 } } }), issues: [issue("edge.alb.rateLimt", /did you mean "rateLimit"/)] },
  { title: "a VPC ID that is not one", config: gw({}, { edge: { vpcId: "my-vpc" } }), issues: [issue("edge.vpcId", /VPC ID/)] },
  {
    title: "an existing cluster with Strata's controller but no role, VPC or region",
    config: { profile: "dev", layers, cluster: EXISTING, ...EXISTING_SERVICES, edge: { controller: true } },
    issues: [issue("edge.roleArn", /name the IAM role/), issue("edge.vpcId", /name it/), issue("edge.region", /aws:region/)],
  },
  { title: "ALB settings for an NLB", config: gw({}, { edge: { alb: { rateLimit: 100 } } }), issues: [issue("edge.alb", /ALB only/)] },
  { title: "an ALB certificate ARN that is not ACM's", config: gw({ loadBalancer: "alb", ...zoned }, { edge: { alb: { certificateArn: "arn:aws:iam::123456789012:server-certificate/x" } } }), issues: [issue("edge.alb.certificateArn", /ACM certificate ARN/)] },
  { title: "a Web ACL ARN that is not regional WAFv2's", config: gw({ loadBalancer: "alb", ...zoned }, { edge: { alb: { webAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/0" } } }), issues: [issue("edge.alb.webAclArn", /regional WAFv2 Web ACL ARN/)] },
  { title: "a rate limit below WAF's minimum", config: gw({ loadBalancer: "alb", ...zoned }, { edge: { alb: { rateLimit: 5 } } }), issues: [issue("edge.alb.rateLimit", />=10/)] },
  {
    title: "a rate limit beside a configured Web ACL",
    config: gw({ loadBalancer: "alb", ...zoned }, { edge: { alb: { rateLimit: 100, webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/x/01234567-89ab-cdef-0123-456789abcdef" } } }),
    issues: [issue("edge.alb.rateLimit", /Web ACL Strata makes/)],
  },
  { title: "an ALB whose certificate Strata requests, without a zone", config: gw({ loadBalancer: "alb", hosts: ["api.example.com"] }), issues: [issue("mesh.gateway.hostedZone", /validated by DNS records/)] },
  { title: "an ALB whose certificate Strata requests, for the default host *", config: gw({ loadBalancer: "alb", hostedZone: ZONE }), issues: [issue("mesh.gateway.hosts", /ACM issues certificates for named hosts/)] },
  {
    title: "an existing cluster's ALB without a certificate or a Web ACL",
    config: { profile: "dev", layers, cluster: EXISTING, ...EXISTING_SERVICES, mesh: { gateway: { edgeLayer: "front", loadBalancer: "alb", hosts: ["api.example.com"] } } },
    issues: [issue("edge.alb.certificateArn", /name the ACM certificate/), issue("edge.alb.webAclArn", /name the WAFv2 Web ACL/)],
  },
  // certificates
  { title: "cert-manager without an ACME account", config: gw(zoned, { certificates: {} }), issues: [issue("certificates.acme", /expected object|required/i)] },
  { title: "an ACME email that is not one", config: gw(zoned, { certificates: { acme: { email: "ops" } } }), issues: [issue("certificates.acme.email", /email address/)] },
  { title: "an unknown ACME server", config: gw(zoned, { certificates: { acme: { email: ACME_EMAIL, server: "prod" } } }), issues: [issue("certificates.acme.server", /production|staging/)] },
  { title: "prod: Let's Encrypt staging", config: gw(zoned, { certificates: { acme: { email: ACME_EMAIL, server: "staging" } } }, "prod"), issues: [issue("certificates.acme.server", /staging certificates are not trusted/)] },
  { title: "cert-manager without a hosted zone", config: gw({ hosts: ["api.example.com"] }, cm), issues: [issue("mesh.gateway.hostedZone", /answers DNS-01 challenges/)] },
  { title: "EKS mode: cert-manager's role from config", config: gw(zoned, { certificates: { acme: { email: ACME_EMAIL }, roleArn: "arn:aws:iam::123456789012:role/cm" } }), issues: [issue("certificates.roleArn", /EKS mode/)] },
  { title: "cert-manager's role that is not an IAM role ARN", config: gw(zoned, { certificates: { acme: { email: ACME_EMAIL }, roleArn: "cert-manager" } }), issues: [issue("certificates.roleArn", /IAM role ARN/)] },
  { title: "a typo in cert-manager's section", config: gw(zoned, { certificates: { acme: { email: ACME_EMAIL }, acmee: {} } }), issues: [issue("certificates.acmee", /did you mean "acme"/)] },
  // dns
  { title: "an unknown DNS policy", config: gw(zoned, { dns: { policy: "create-only" } }), issues: [issue("dns.policy", /sync|upsert-only/)] },
  { title: "prod: a DNS policy that deletes records", config: gw(zoned, { dns: { policy: "sync" } }, "prod"), issues: [issue("dns.policy", /upsert-only/)] },
  { title: "a TXT owner ID with a space", config: gw(zoned, { dns: { txtOwnerId: "my stack" } }), issues: [issue("dns.txtOwnerId", /letters, digits/)] },
  { title: "a DNS interval that is not a duration", config: gw(zoned, { dns: { interval: "often" } }), issues: [issue("dns.interval", /not a duration/)] },
  { title: "external-dns without a hosted zone", config: gw({ hosts: ["api.example.com"] }, { dns: {} }), issues: [issue("mesh.gateway.hostedZone", /writes the gateway hosts' records/)] },
  { title: "external-dns's role that is not an IAM role ARN", config: gw(zoned, { dns: { roleArn: "arn:aws:iam::123456789012:user/dns" } }), issues: [issue("dns.roleArn", /IAM role ARN/)] },
  { title: "EKS mode: external-dns's role from config", config: gw(zoned, { dns: { roleArn: "arn:aws:iam::123456789012:role/dns" } }), issues: [issue("dns.roleArn", /EKS mode/)] },
];

describe("public edge config: invalid (the real program, offline)", () => {
  itRejectsEachCase(cases);
});

describe("public edge config: resolution", () => {
  it("defaults: an internal NLB keeping the client's address, TLS 1.2, every path, no faults; the controller (1 in dev, 2 in prod); no cert-manager or external-dns", () => {
    const dev = specOf({ profile: "dev" });
    assert.deepEqual(
      [dev.mesh.gateway.exposure, dev.mesh.gateway.loadBalancer, dev.mesh.gateway.clientAddress, dev.mesh.gateway.minTlsVersion, dev.mesh.gateway.paths, dev.mesh.gateway.faultInjection],
      ["internal", "nlb", "preserve", "1.2", [], undefined],
    );
    assert.deepEqual(dev.edge, { controller: true, replicas: 1 });
    assert.equal(specOf({ profile: "prod" }).edge.replicas, 2);
    assert.equal(dev.certificates, undefined);
    assert.equal(dev.dns, undefined);
  });

  it("an ALB: its Web ACL's rate limit from config, else 2000; no client address mode", () => {
    const spec = specOf(edgeConfig("internet-facing", "alb", { edge: { alb: { rateLimit: 500 } } }));
    assert.deepEqual(spec.edge.alb, { rateLimit: 500 });
    assert.equal(spec.mesh.gateway.clientAddress, undefined);
    assert.deepEqual(specOf(edgeConfig("internal", "alb")).edge.alb, { rateLimit: 2000 });
  });

  it("cert-manager and external-dns: the zone from the gateway, production ACME, prod's replicas and upsert-only (dev: sync)", () => {
    const prod = specOf(edgeConfig("internet-facing", "nlb"));
    assert.deepEqual(prod.certificates, { email: ACME_EMAIL, server: "production", hostedZone: ZONE, replicas: { controller: 2, webhook: 3, cainjector: 2 } });
    assert.deepEqual(prod.dns, { policy: "upsert-only", interval: "1m", hostedZone: ZONE });
    const dev = specOf({ ...edgeConfig("internet-facing", "nlb"), profile: "dev", certificates: { acme: { email: ACME_EMAIL, server: "staging" } }, dns: { txtOwnerId: "team-a" } });
    assert.equal(dev.certificates!.server, "staging");
    assert.deepEqual([dev.dns!.policy, dev.dns!.txtOwnerId], ["sync", "team-a"]);
  });

  it("path routes and fault injection, allowed in prod when said so", () => {
    const spec = specOf({
      ...edgeConfig("internet-facing", "alb"),
      mesh: {
        gateway: {
          exposure: "internet-facing",
          loadBalancer: "alb",
          edgeLayer: "front",
          hosts: EDGE_HOSTS,
          hostedZone: ZONE,
          paths: [{ prefix: "/api/v1" }, { prefix: "/v2", rewrite: "/api/v2" }],
          faultInjection: { delay: { percentage: 0.1, fixedDelay: "5s" }, allowInProd: true },
        },
      },
    });
    assert.deepEqual(spec.mesh.gateway.paths, [{ prefix: "/api/v1" }, { prefix: "/v2", rewrite: "/api/v2" }]);
    assert.deepEqual(spec.mesh.gateway.faultInjection, { delay: { percentage: 0.1, fixedDelay: "5s" } });
  });
});
