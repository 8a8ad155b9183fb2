import { strict as assert } from "node:assert";
import type { Capability } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import type { NamespaceExemption } from "../config/capability-config";
import { evaluatePolicies } from "../policies/engine/evaluate";
import { resolvePackConfig } from "../policies/engine/pack-config";
import { objectSubject } from "../policies/engine/subject";
import { POLICY_RULES } from "../policies/rules";
import { packConfig, packExemption } from "../stack/pack-config";
import { namespace, object } from "./policy-support";

/**
 * A capability's exemptions, declared on the namespaces it owns with what they cover, become the pack's:
 * the Namespace itself, or one kind in that namespace by name or selector, never the whole namespace.
 */
describe("pack config: the exemptions capabilities declare, as narrow as declared", () => {
  const reason = "a reason long enough to be read";
  const cases: { declared: NamespaceExemption; pack: unknown }[] = [
    { declared: { rule: "namespace-restricted-pod-security", kind: "Namespace", reason }, pack: { kind: "Namespace", name: "tools", reason } },
    { declared: { rule: "network-no-wide-open-allow", kind: "NetworkPolicy", name: "allow-egress", reason }, pack: { kind: "NetworkPolicy", namespace: "tools", name: "allow-egress", reason } },
    { declared: { rule: "pss-privileged", kind: "Pod", selector: { matchLabels: { app: "agent" } }, reason }, pack: { kind: "Pod", namespace: "tools", selector: { matchLabels: { app: "agent" } }, reason } },
  ];
  for (const { declared, pack } of cases) {
    it(`${declared.kind}${"name" in declared ? " by name" : "selector" in declared ? " by selector" : " itself"}: ${JSON.stringify(pack)}`, () => {
      assert.deepEqual(packExemption("tools", declared), pack);
      const resolved = resolvePackConfig({ [declared.rule]: { exemptions: [pack] } }, POLICY_RULES);
      assert.ok(resolved.ok, JSON.stringify(!resolved.ok && resolved.issues));
    });
  }

  const invalid: { what: string; declared: NamespaceExemption; message: RegExp }[] = [
    { what: "the Namespace with a name", declared: { rule: "namespace-restricted-pod-security", kind: "Namespace", name: "other", reason }, message: /namespace tools from "namespace-restricted-pod-security" names the Namespace itself: it takes no name or selector/ },
    { what: "the Namespace with a selector", declared: { rule: "namespace-restricted-pod-security", kind: "Namespace", selector: { matchLabels: { a: "b" } }, reason }, message: /names the Namespace itself: it takes no name or selector/ },
  ];
  for (const { what, declared, message } of invalid) {
    it(`rejected: ${what}`, () => assert.throws(() => packExemption("tools", declared), message));
  }

  it("a capability's exemption of a rule the pack does not have is rejected, with the capability's name", () => {
    const stray = { ...CAPABILITIES[0], name: "stray", namespaces: [{ name: "tools", exemptions: [{ rule: "pss-privileged-typo", kind: "Namespace", reason }] }] } as unknown as Capability;
    assert.throws(() => packConfig("prod", [...CAPABILITIES, stray]), /capability "stray" exempts tools from "pss-privileged-typo", which is not a rule of the pack/);
  });

  it("prod's generated exemption of postgres/allow-egress-aws-https covers that policy only: a second wide-open one in postgres is a violation", () => {
    const resolved = resolvePackConfig(packConfig("prod"), POLICY_RULES);
    if (!resolved.ok) assert.fail(JSON.stringify(resolved.issues));
    const wideOpen = (name: string) => object("networking.k8s.io/v1", "NetworkPolicy", "postgres", name, { spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] } });
    const subjects = [namespace("postgres"), wideOpen("allow-egress-aws-https"), wideOpen("allow-egress-everything")].map((o) => objectSubject(o));
    const result = evaluatePolicies(subjects, POLICY_RULES.filter((r) => r.name === "network-no-wide-open-allow"), resolved.settings);
    assert.deepEqual(result.violations.map((v) => `${v.rule} ${v.namespace}/${v.name} ${v.enforcement}`), ["network-no-wide-open-allow postgres/allow-egress-everything mandatory"]);
    assert.deepEqual(result.exemptions.filter((e) => e.suppressed > 0).map((e) => `${e.kind} ${e.namespace}/${e.name}`), ["NetworkPolicy postgres/allow-egress-aws-https"]);
  });
});
