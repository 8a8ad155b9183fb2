import { record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import { undetermined } from "../engine/unknown";
import { deniesAll, type Direction } from "./network-policy";

const DIRECTIONS: Direction[] = ["Ingress", "Egress"];

/**
 * Every namespace the stack creates starts closed: some NetworkPolicy selects all its pods (podSelector {})
 * for ingress and for egress with no allow rule. Allows are then added one by one. Namespaces the stack does
 * not create (kube-system, …) are not its to close.
 */
export const networkDefaultDeny: StackRule = {
  name: "network-default-deny",
  family: "network",
  summary: "every namespace the stack creates has a default-deny NetworkPolicy for ingress and for egress (podSelector {}, no rules)",
  scope: "stack",
  checkStack(stack): Finding[] {
    const policies = stack.ofKind("networking.k8s.io", "NetworkPolicy");
    return stack.ofKind("", "Namespace").flatMap((namespace) => {
      const specs = policies.filter((p) => p.namespace === namespace.name).map((p) => record(p.object.spec));
      return DIRECTIONS.flatMap((direction): Finding[] => {
        const verdicts = specs.map((spec) => deniesAll(spec, direction));
        if (verdicts.includes(true)) return [];
        if (verdicts.includes("unknown")) return [{ subject: namespace, message: undetermined(`whether one of its NetworkPolicies denies all ${direction.toLowerCase()}`) }];
        const message = `no default-deny ${direction.toLowerCase()} NetworkPolicy (podSelector: {}, policyTypes: [${direction}], no ${direction.toLowerCase()} rules): every pod is open until one exists`;
        return [{ subject: namespace, message }];
      });
    });
  },
};
