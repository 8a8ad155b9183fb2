import { ISTIO_SECURITY_API_GROUP } from "../platform/mesh";
import { list, record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { allowsEveryRequest } from "./allow-all";
import { meshedNamespaces } from "./mesh";

/**
 * mTLS proves who is calling; an AuthorizationPolicy says who may. Every meshed namespace has at least one,
 * mirroring its NetworkPolicies at layer 7, and no ALLOW policy anywhere admits every request (one rule that
 * matches everything makes every other rule moot).
 */
export const meshAuthorizationPolicy: StackRule = {
  name: "mesh-authorization-policy",
  family: "mesh",
  summary: "every namespace in the mesh (istio-injection, istio.io/rev or ambient) has an AuthorizationPolicy, and no ALLOW AuthorizationPolicy has a rule that matches every request (no from, to or when that narrows it, e.g. rules: [{}])",
  scope: "stack",
  checkStack(stack) {
    const policies = stack.ofKind(ISTIO_SECURITY_API_GROUP, "AuthorizationPolicy");
    const withPolicy = new Set(policies.map((p) => p.namespace));
    const missing = meshedNamespaces(stack)
      .filter((ns) => !withPolicy.has(ns.name))
      .map((subject): Finding => ({
        subject,
        message: isUnknown(record(subject.object.metadata?.labels))
          ? undetermined("its labels", "whether it is in the mesh (and needs an AuthorizationPolicy) could not be judged in this preview")
          : "is in the mesh but has no AuthorizationPolicy: every meshed namespace says which callers it admits",
      }));
    const allowAll = policies.flatMap((policy): Finding[] => {
      const spec = record(policy.object.spec);
      if (isUnknown(spec) || isUnknown(spec.action)) return [{ subject: policy, message: undetermined("spec.action") }];
      if ((spec.action ?? "ALLOW") !== "ALLOW") return [];
      return list<unknown>(spec.rules).flatMap((rule, i): Finding[] => {
        const every = allowsEveryRequest(rule);
        if (every === "unknown") return [{ subject: policy, message: undetermined(`rules[${i}]`) }];
        return every ? [{ subject: policy, message: `rules[${i}] matches every request (no from, to or when narrows it): an ALLOW policy with it admits every caller to everything; name the principals, namespaces or ports it admits` }] : [];
      });
    });
    return [...missing, ...allowAll];
  },
};
