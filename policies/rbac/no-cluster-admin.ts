import { list, record } from "../engine/fields";
import type { Finding, StackRule } from "../engine/rule";
import type { PolicyStack } from "../engine/stack";
import { isUnknown, undetermined } from "../engine/unknown";

/**
 * No binding grants everything: neither to `cluster-admin` nor to any role, cluster-wide or namespaced, with
 * a rule whose verbs, resources and API groups are all `*` (a namespaced one grants all of its namespace:
 * Secrets, RBAC, workloads). A component that needs broad rights gets a role naming them.
 */

export const RBAC_API_GROUP = "rbac.authorization.k8s.io";
const BUILT_IN_SUPERUSER = "cluster-admin";

/** Whether a role's rules grant every verb on every resource of every API group. */
function grantsEverything(role: Record<string, unknown>): boolean | "unknown" {
  if (isUnknown(role.rules)) return "unknown";
  let unknown = false;
  for (const r of list<unknown>(role.rules)) {
    const rule = record(r);
    const fields = [rule.verbs, rule.resources, rule.apiGroups];
    if (isUnknown(r) || fields.some((f) => isUnknown(f) || list<unknown>(f).some(isUnknown))) {
      unknown = true;
      continue;
    }
    if (fields.every((f) => list<string>(f).includes("*"))) return true;
  }
  return unknown ? "unknown" : false;
}

function roleOf(stack: PolicyStack, kind: unknown, name: unknown, namespace: string | undefined) {
  if (kind === "ClusterRole") return stack.object(RBAC_API_GROUP, "ClusterRole", undefined, String(name));
  if (kind === "Role") return stack.object(RBAC_API_GROUP, "Role", namespace, String(name));
  return undefined;
}

export const rbacNoClusterAdmin: StackRule = {
  name: "rbac-no-cluster-admin",
  family: "rbac",
  summary: `no RoleBinding or ClusterRoleBinding to ${BUILT_IN_SUPERUSER}, or to a role granting every verb on every resource (verbs, resources and apiGroups all "*")`,
  scope: "stack",
  checkStack(stack): Finding[] {
    const bindings = [...stack.ofKind(RBAC_API_GROUP, "ClusterRoleBinding"), ...stack.ofKind(RBAC_API_GROUP, "RoleBinding")];
    return bindings.flatMap((binding): Finding[] => {
      const roleRef = record(binding.object.roleRef);
      if (isUnknown(roleRef) || isUnknown(roleRef.kind) || isUnknown(roleRef.name)) return [{ subject: binding, message: undetermined("roleRef") }];
      const target = `${roleRef.kind} ${JSON.stringify(roleRef.name)}`;
      if (roleRef.kind === "ClusterRole" && roleRef.name === BUILT_IN_SUPERUSER) {
        return [{ subject: binding, message: `binds ${target}, every right in the cluster: bind a role that names the rights its subjects need` }];
      }
      const role = roleOf(stack, roleRef.kind, roleRef.name, binding.namespace);
      const everything = role ? grantsEverything(role as Record<string, unknown>) : false;
      if (everything === "unknown") return [{ subject: binding, message: undetermined(`the rules of ${target}`) }];
      return everything ? [{ subject: binding, message: `binds ${target}, whose rules grant every verb on every resource: bind a role that names the rights its subjects need` }] : [];
    });
  },
};
