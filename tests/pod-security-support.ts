import { strict as assert } from "node:assert";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import type { PodMetadata, PodSecurityRule, PodSecurityVersion, PodSpec } from "../policies/pod-security";

/** Builders and a table runner for the Pod Security rule tests. */

export function container(name: string, securityContext?: ISecurityContext, extra: Partial<IContainer> = {}): IContainer {
  return { name, image: "registry.example.com/app:1.0", ...(securityContext ? { securityContext } : {}), ...extra };
}

/** A pod that meets restricted: the baseline of every restricted failing fixture. */
export function restrictedPodSpec(extra: PodSpec = {}): PodSpec {
  const sc: ISecurityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    initContainers: [container("setup", sc)],
    containers: [container("app", sc)],
    ...extra,
  };
}

export interface RuleCase {
  title: string;
  spec: PodSpec;
  metadata?: PodMetadata;
  /** Defaults to "latest". */
  version?: PodSecurityVersion;
  /** The exact messages; none for a compliant pod. */
  messages: string[];
}

/** One `it` per case: the rule's messages for the pod, exactly. */
export function describeRule(rule: PodSecurityRule, cases: RuleCase[]): void {
  describe(`${rule.name} (${rule.level})`, () => {
    assert.ok(cases.some((c) => c.messages.length === 0), `${rule.name}: no compliant case`);
    assert.ok(cases.some((c) => c.messages.length > 0), `${rule.name}: no failing case`);
    for (const c of cases) {
      const version = c.version ?? "latest";
      it(`${c.messages.length ? "flags" : "passes"} ${c.title} (${version})`, () => {
        assert.deepEqual(rule.check(c.spec, c.metadata ?? {}, version), c.messages);
      });
    }
  });
}
