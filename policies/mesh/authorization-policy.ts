import { ISTIO_SECURITY_API_GROUP } from "../platform/mesh";
import type { StackRule } from "../engine/rule";
import { meshedNamespaces } from "./mesh";

/**
 * mTLS proves who is calling; an AuthorizationPolicy says who may. Every meshed namespace has at least one,
 * mirroring its NetworkPolicies at layer 7.
 */
export const meshAuthorizationPolicy: StackRule = {
  name: "mesh-authorization-policy",
  family: "mesh",
  summary: "every namespace in the mesh (istio-injection, istio.io/rev or ambient) has an AuthorizationPolicy",
  scope: "stack",
  checkStack(stack) {
    const withPolicy = new Set(stack.ofKind(ISTIO_SECURITY_API_GROUP, "AuthorizationPolicy").map((p) => p.namespace));
    return meshedNamespaces(stack)
      .filter((ns) => !withPolicy.has(ns.name))
      .map((subject) => ({ subject, message: "is in the mesh but has no AuthorizationPolicy: every meshed namespace says which callers it admits" }));
  },
};
