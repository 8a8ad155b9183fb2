import { strict as assert } from "node:assert";
import { EGRESS_HOSTS_ANNOTATION } from "../platform/egress";
import { runWithConfig, specOf, testLayer } from "./harness";
import { assertInvalidRun, issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * `layers[].egress`: each refused declaration is rejected by the real program with its key path and nothing
 * registered; the valid ones resolve to host, port and protocol.
 */

const withEgress = (egress: unknown, profile = "dev", extra: Record<string, unknown> = {}) => ({ profile, layers: [testLayer("front", { egress }), testLayer("back")], ...extra });
const host = (h: string) => withEgress([{ host: h }]);
const at = "layers[0].egress[0]";

const cases: InvalidCase[] = [
  { title: "an IPv4 literal", config: host("203.0.113.7"), issues: [issue(`${at}.host`, /IP address: declare the host by name/)] },
  { title: "an IPv6 literal", config: host("2001:db8::1"), issues: [issue(`${at}.host`, /IP address/)] },
  { title: "a bare *", config: host("*"), issues: [issue(`${at}.host`, /bare "\*" would admit every host/)] },
  { title: "a wildcard on an ICANN public suffix", config: host("*.co.uk"), issues: [issue(`${at}.host`, /wildcard on the public suffix "co\.uk"/)] },
  { title: "a wildcard on a top-level domain", config: host("*.com"), issues: [issue(`${at}.host`, /wildcard on the public suffix "com"/)] },
  { title: "a wildcard on a private public suffix", config: host("*.github.io"), issues: [issue(`${at}.host`, /wildcard on the public suffix "github\.io"/)] },
  { title: "a public suffix as a host", config: host("co.uk"), issues: [issue(`${at}.host`, /is a public suffix, not a host/)] },
  { title: "a wildcard that is not one leading label", config: host("api.*.example.com"), issues: [issue(`${at}.host`, /single-label wildcard/)] },
  { title: "a data service's in-cluster host", config: host("postgres-primary.postgres.svc.cluster.local"), issues: [issue(`${at}.host`, /served inside the cluster/)] },
  { title: "a Service's short name", config: host("kafka-bootstrap.kafka.svc"), issues: [issue(`${at}.host`, /served inside the cluster/)] },
  { title: "a single-label name (an in-cluster Service)", config: host("redis"), issues: [issue(`${at}.host`, /fully qualified host name/)] },
  { title: "a host under no public suffix", config: host("billing.corp-intranet"), issues: [issue(`${at}.host`, /not under a public suffix/)] },
  { title: "upper-case letters", config: host("API.example.com"), issues: [issue(`${at}.host`, /fully qualified host name/)] },
  {
    title: "a host the cluster's own gateway serves",
    config: withEgress([{ host: "api.example.com" }], "dev", { mesh: { gateway: { edgeLayer: "back", hosts: ["*.example.com"] } } }),
    issues: [issue(`${at}.host`, /overlaps "\*\.example\.com" \(mesh\.gateway\.hosts\[0\]\), which the cluster's own gateway serves/)],
  },
  { title: "prod: plain text without allowPlainText", config: withEgress([{ host: "legacy.example.com", protocol: "HTTP" }], "prod"), issues: [issue(`${at}.protocol`, /prod refuses plain-text egress to "legacy\.example\.com"/)] },
  { title: "prod: plain text with allowPlainText: false", config: withEgress([{ host: "legacy.example.com", protocol: "HTTP", allowPlainText: false }], "prod"), issues: [issue(`${at}.protocol`, /allowPlainText: true/)] },
  { title: "a wildcard with TLS origination", config: withEgress([{ host: "*.example.com", protocol: "HTTPS" }]), issues: [issue(`${at}.protocol`, /only TLS passes through by SNI/)] },
  { title: "a host declared twice by one layer", config: withEgress([{ host: "api.example.com" }, { host: "api.example.com" }]), issues: [issue("layers[0].egress[1].host", /declared twice by this layer/)] },
  {
    title: "one host, two ports across layers",
    config: { profile: "dev", layers: [testLayer("front", { egress: [{ host: "api.example.com" }] }), testLayer("back", { egress: [{ host: "api.example.com", port: 8443 }] })] },
    issues: [issue("layers[1].egress[0].port", /TLS on 8443 here but TLS on 443 at layers\[0\]\.egress\[0\]: the egress gateway has one route per host/)],
  },
  { title: "an unknown protocol", config: withEgress([{ host: "api.example.com", protocol: "UDP" }]), issues: [issue(`${at}.protocol`, /TLS|HTTPS|HTTP/)] },
  { title: "port 0", config: withEgress([{ host: "api.example.com", port: 0 }]), issues: [issue(`${at}.port`, />=1/)] },
  { title: "port 65536", config: withEgress([{ host: "api.example.com", port: 65536 }]), issues: [issue(`${at}.port`, /<=65535/)] },
  { title: "port 1e12 (past int32 as well)", config: withEgress([{ host: "api.example.com", port: 1e12 }]), issues: [issue(`${at}.port`, /<=65535/)] },
  { title: "a fractional port", config: withEgress([{ host: "api.example.com", port: 443.5 }]), issues: [issue(`${at}.port`, /int/)] },
  { title: "a typo in an entry", config: withEgress([{ hots: "api.example.com" }]), issues: [issue(`${at}.host`, /string/), issue(`${at}.hots`, /host/)] },
  { title: "an empty list", config: withEgress([]), issues: [issue("layers[0].egress", />=1/)] },
  {
    title: "the declaration annotation set by hand",
    config: { profile: "dev", layers: [testLayer("front", { serviceAccount: { annotations: { [EGRESS_HOSTS_ANNOTATION]: "api.example.com" } } })] },
    issues: [issue(`layers[0].serviceAccount.annotations.${EGRESS_HOSTS_ANNOTATION}`, /declare the hosts in layers\[0\]\.egress/)],
  },
];

describe("egress config: invalid (the real program, offline)", () => {
  itRejectsEachCase(cases);
});

describe("egress config: one error per key", () => {
  for (const port of [1e12, 65536, 0, 443.5]) {
    it(`port ${port}: exactly one issue at ${at}.port`, async () => {
      const run = await runWithConfig(withEgress([{ host: "api.example.com", port }]));
      assertInvalidRun(run);
      assert.equal(run.issues.filter((i) => i.path === `${at}.port`).length, 1, JSON.stringify(run.issues));
    });
  }
});

describe("egress config: resolution", () => {
  it("TLS on 443 by default, HTTP on 80; a port and protocol from config; plain text in prod when allowed; none without egress", () => {
    const spec = specOf(withEgress([{ host: "api.openai.com" }, { host: "tools.example.com", protocol: "HTTPS" }, { host: "legacy.example.com", protocol: "HTTP" }, { host: "*.example.org", port: 8443 }]));
    assert.deepEqual(spec.layers[0].egress, [
      { host: "api.openai.com", port: 443, protocol: "TLS" },
      { host: "tools.example.com", port: 443, protocol: "HTTPS" },
      { host: "legacy.example.com", port: 80, protocol: "HTTP" },
      { host: "*.example.org", port: 8443, protocol: "TLS" },
    ]);
    assert.deepEqual(spec.layers[1].egress, []);
    const prod = specOf(withEgress([{ host: "legacy.example.com", protocol: "HTTP", allowPlainText: true }], "prod"));
    assert.deepEqual(prod.layers[0].egress, [{ host: "legacy.example.com", port: 80, protocol: "HTTP" }]);
  });

  it("a per-tenant layer's declarations are each tenant copy's", () => {
    const spec = specOf({ profile: "dev", tenants: [{ name: "acme" }, { name: "globex" }], layers: [testLayer("front", { peers: ["agent"] }), testLayer("agent", { tenancy: "per-tenant", egress: [{ host: "api.anthropic.com" }] })] });
    assert.deepEqual(spec.layers.map((l) => [l.name, l.egress.map((e) => e.host)]), [["front", []], ["acme-agent", ["api.anthropic.com"]], ["globex-agent", ["api.anthropic.com"]]]);
  });
});
