import { rbacNoClusterAdmin } from "../policies/rbac/no-cluster-admin";
import { podSecurityKnownKinds } from "../policies/pod-security/known-kinds";
import { UNKNOWN } from "../policies/engine/unknown";
import { describePolicyRule, object } from "./policy-support";

const RBAC = "rbac.authorization.k8s.io/v1";
const binding = (kind: "ClusterRoleBinding" | "RoleBinding", name: string, roleRef: Record<string, unknown>, ns?: string) =>
  object(RBAC, kind, ns, name, { roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects: [{ kind: "ServiceAccount", name: "x", namespace: "a" }] });
const role = (kind: "ClusterRole" | "Role", name: string, rules: unknown, ns?: string) => object(RBAC, kind, ns, name, { rules });

describePolicyRule(rbacNoClusterAdmin, [
  {
    title: "bindings to roles that name their rights",
    fixtures: [
      role("ClusterRole", "reader", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]),
      binding("ClusterRoleBinding", "read", { kind: "ClusterRole", name: "reader" }),
      role("Role", "edit", [{ apiGroups: ["*"], resources: ["configmaps"], verbs: ["*"] }], "a"),
      binding("RoleBinding", "edit", { kind: "Role", name: "edit" }, "a"),
      binding("RoleBinding", "view", { kind: "ClusterRole", name: "view" }, "a"),
    ],
    findings: [],
  },
  {
    title: "bindings to cluster-admin (cluster-wide and in a namespace) and to roles with every verb on every resource",
    fixtures: [
      binding("ClusterRoleBinding", "admin", { kind: "ClusterRole", name: "cluster-admin" }),
      binding("RoleBinding", "ns-admin", { kind: "ClusterRole", name: "cluster-admin" }, "a"),
      role("ClusterRole", "star", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
      binding("ClusterRoleBinding", "star", { kind: "ClusterRole", name: "star" }),
      role("Role", "star", [{ apiGroups: ["", "*"], resources: ["pods", "*"], verbs: ["get", "*"] }], "a"),
      binding("RoleBinding", "star", { kind: "Role", name: "star" }, "a"),
    ],
    findings: [
      'ClusterRoleBinding admin: binds ClusterRole "cluster-admin", every right in the cluster: bind a role that names the rights its subjects need',
      'ClusterRoleBinding star: binds ClusterRole "star", whose rules grant every verb on every resource: bind a role that names the rights its subjects need',
      'RoleBinding a/ns-admin: binds ClusterRole "cluster-admin", every right in the cluster: bind a role that names the rights its subjects need',
      'RoleBinding a/star: binds Role "star", whose rules grant every verb on every resource: bind a role that names the rights its subjects need',
    ],
  },
  {
    title: "a roleRef and a role's rules unknown until apply",
    fixtures: [binding("ClusterRoleBinding", "u", { kind: "ClusterRole", name: UNKNOWN }), role("ClusterRole", "r", UNKNOWN), binding("ClusterRoleBinding", "r", { kind: "ClusterRole", name: "r" })],
    findings: [
      "ClusterRoleBinding u: UNDETERMINED roleRef is (unknown until apply): could not be judged in this preview",
      'ClusterRoleBinding r: UNDETERMINED the rules of ClusterRole "r" is (unknown until apply): could not be judged in this preview',
    ],
  },
]);

describePolicyRule(podSecurityKnownKinds, [
  {
    title: "known pod-bearing kinds, a CRD whose schema describes containers, and objects without containers",
    fixtures: [
      object("apps/v1", "Deployment", "a", "d", { spec: { template: { spec: { containers: [{ name: "c", image: "ghcr.io/x/c:1.0" }] } } } }),
      object("argoproj.io/v1alpha1", "Rollout", "a", "r", { spec: { template: { spec: { containers: [{ name: "c", image: "ghcr.io/x/c:1.0" }] } } } }),
      object("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, "things.example.com", { spec: { versions: [{ schema: { openAPIV3Schema: { properties: { containers: { type: "array" } } } } }] } }),
      object("v1", "ConfigMap", "a", "c", { data: { containers: "[]" } }),
    ],
    findings: [],
  },
  {
    title: "a kind the pack does not know that carries pods (an OpenTelemetryCollector's, a Knative Service's)",
    fixtures: [
      object("serving.knative.dev/v1", "Service", "a", "k", { spec: { template: { spec: { containers: [{ image: "ghcr.io/x/k:1.0", securityContext: { privileged: true } }] } } } }),
      object("opentelemetry.io/v1beta1", "OpenTelemetryCollector", "a", "o", { spec: { image: "ghcr.io/x/o:1.0", initContainers: [{ name: "i", image: "ghcr.io/x/i:1.0" }] } }),
    ],
    findings: [
      "Service a/k: UNDETERMINED carries container specs (spec.template.spec.containers) but serving.knative.dev/v1 Service is no kind whose pods the pack knows: Pod Security and container resources could not be judged; register the kind in policies/pod-security/custom-resource-pod-specs.ts",
      "OpenTelemetryCollector a/o: UNDETERMINED carries container specs (spec.initContainers) but opentelemetry.io/v1beta1 OpenTelemetryCollector is no kind whose pods the pack knows: Pod Security and container resources could not be judged; register the kind in policies/pod-security/custom-resource-pod-specs.ts",
    ],
  },
]);
