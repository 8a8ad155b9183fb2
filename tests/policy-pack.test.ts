import { strict as assert } from "node:assert";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { readProperties, readThroughProxy } from "../policies/crossguard";
import { UNKNOWN } from "../policies/engine/unknown";
import { POLICY_RULES } from "../policies/rules";
import { serveProjectPack, type ServedPack } from "./crossguard-client";

/**
 * The pack's entry point, run as the Pulumi CLI runs it: `policies/index.ts` in the pack's directory. A
 * PolicyPack serves CrossGuard's analyzer protocol over gRPC and prints its port (it never returns, so it
 * cannot be imported into the test process). The test talks to it as the engine does: the policies it
 * announces, and a resource and a stack analysed through the real wrappers.
 */

const urn = (type: string, name: string) => `urn:pulumi:test::strata::${type}::${name}`;

describe("the CrossGuard pack (policies/index.ts, served as the Pulumi CLI serves it)", function () {
  this.timeout(60_000);
  let pack: ServedPack;

  before(async () => {
    pack = await serveProjectPack();
  });
  after(() => pack?.stop());

  it("loads and announces every rule, mandatory by default, with a config schema", async () => {
    const info = await pack.info();
    assert.equal(info.getName(), "strata");
    const policies = info.getPoliciesList();
    assert.deepEqual(policies.map((p) => p.getName()), POLICY_RULES.map((r) => r.name));
    for (const p of policies) {
      assert.equal(p.getEnforcementlevel(), analyzer.EnforcementLevel.MANDATORY, p.getName());
      assert.ok(p.getConfigschema()?.getProperties()?.toJavaScript().exemptions, `${p.getName()} takes exemptions`);
    }
  });

  it("a resource policy flags a LoadBalancer Service outside the gateway namespace", async () => {
    const type = "kubernetes:core/v1:Service";
    const diagnostics = await pack.analyze({ type, name: "web", urn: urn(type, "web"), properties: { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { type: "LoadBalancer" } } });
    const rules = diagnostics.map((d) => `${d.policy}: ${d.message}`);
    assert.ok(rules.some((r) => r.startsWith("network-service-exposure: ") && r.includes("\ntype LoadBalancer outside the gateway namespace")), rules.join("\n"));
  });

  it("a stack policy flags a namespace without default-deny policies, naming it", async () => {
    const type = "kubernetes:core/v1:Namespace";
    const diagnostics = await pack.analyzeStack([
      { type, name: "shop", urn: urn(type, "shop"), properties: { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } } },
    ]);
    const defaultDeny = diagnostics.filter((d) => d.policy === "network-default-deny");
    assert.equal(defaultDeny.length, 2, diagnostics.map((d) => d.message).join("\n"));
    // CrossGuard puts the policy description first, then the violation.
    assert.match(defaultDeny[0].message, /\nNamespace shop: no default-deny ingress NetworkPolicy/);
    assert.equal(defaultDeny[0].urn, urn(type, "shop"));
  });
});

describe("the wrappers read what a preview cannot know as UNKNOWN (policies/crossguard.ts)", () => {
  // CrossGuard's own proxy over deserialized properties, as a policy receives them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unknownCheckingProxy } = require("@pulumi/policy") as { unknownCheckingProxy(props: object): object };
  const SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
  const props = { metadata: { name: "sa", annotations: { "eks.amazonaws.com/role-arn": SENTINEL } }, list: [1, SENTINEL], plain: "x" };
  const expected = { metadata: { name: "sa", annotations: { "eks.amazonaws.com/role-arn": UNKNOWN } }, list: [1, UNKNOWN], plain: "x" };

  it("from the plain object the proxy wraps, and by reading through the proxy (each refused read unknown): the same", () => {
    assert.throws(() => (unknownCheckingProxy(props) as typeof props).metadata.annotations["eks.amazonaws.com/role-arn"], /can't be known during preview/);
    assert.deepEqual(readProperties(unknownCheckingProxy(props)), expected);
    assert.deepEqual(readThroughProxy(unknownCheckingProxy(props)), expected);
  });
});
