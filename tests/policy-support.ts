import { strict as assert } from "node:assert";
import { loadPolicyConfig, profilePolicyConfigPath } from "../cli/policy-config";
import { findingsOf, type PolicyRule, type RuleOptions } from "../policies/engine/rule";
import { PolicyStack } from "../policies/engine/stack";
import { describeSubject, objectSubject, resourceSubject, type PolicySubject } from "../policies/engine/subject";
import { isUndetermined, messageText } from "../policies/engine/unknown";
import type { KubernetesObjectLike } from "../policies/pod-security/pod-spec";
import { PROJECT_DIR } from "./harness";

/** Fixtures and a table runner for the policy rules' unit tests. */

/** The project's pack config of a profile (`policies/config/<profile>.json`), read and validated. */
export function stackPackSettings(stack: string) {
  const loaded = loadPolicyConfig(profilePolicyConfigPath(PROJECT_DIR, stack));
  if (!loaded.ok) assert.fail(JSON.stringify(loaded.issues));
  return loaded.settings;
}

export function namespace(name: string, labels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted" }): KubernetesObjectLike {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}

export function object(apiVersion: string, kind: string, ns: string | undefined, name: string, body: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): KubernetesObjectLike {
  return { apiVersion, kind, metadata: { name, ...(ns ? { namespace: ns } : {}), ...metadata }, ...body };
}

/** A cloud resource as a stack registers it: URN from the name, dependencies on other fixtures' URNs. */
export function resource(type: string, name: string, inputs: Record<string, unknown>, dependsOn: PolicySubject[] = []): PolicySubject {
  return resourceSubject({ urn: `urn:pulumi:test::strata::${type}::${name}`, type, name, inputs, dependencies: dependsOn.map((d) => d.urn!) });
}

export type Fixture = KubernetesObjectLike | PolicySubject;

function asSubject(fixture: Fixture): PolicySubject {
  return "inputs" in fixture && "dependencies" in fixture ? (fixture as PolicySubject) : objectSubject(fixture as KubernetesObjectLike);
}

export interface PolicyCase {
  title: string;
  fixtures: Fixture[];
  options?: Partial<RuleOptions>;
  /** Exactly the findings, as "<kind> <namespace>/<name>: <message>"; none for a compliant case. */
  findings: string[];
}

/** The rule's findings over fixtures, spelled as in PolicyCase: what could not be judged (an unknown) as "UNDETERMINED …". */
export function findings(rule: PolicyRule, fixtures: Fixture[], options: Partial<RuleOptions> = {}): string[] {
  const stack = new PolicyStack(fixtures.map(asSubject));
  return findingsOf(rule, stack, { exemptions: [], ...options }).map((f) => `${describeSubject(f.subject)}: ${isUndetermined(f.message) ? "UNDETERMINED " : ""}${messageText(f.message)}`);
}

/** One `it` per case, asserting the exact findings; every rule has a compliant and a failing case. */
export function describePolicyRule(rule: PolicyRule, cases: PolicyCase[]): void {
  describe(`${rule.name} (${rule.scope})`, () => {
    assert.ok(cases.some((c) => c.findings.length === 0), `${rule.name}: no compliant case`);
    assert.ok(cases.some((c) => c.findings.length > 0), `${rule.name}: no failing case`);
    for (const c of cases) {
      it(`${c.findings.length ? "flags" : "passes"} ${c.title}`, () => assert.deepEqual(findings(rule, c.fixtures, c.options), c.findings));
    }
  });
}
