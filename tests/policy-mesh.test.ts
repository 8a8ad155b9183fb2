import { meshAuthorizationPolicy } from "../policies/mesh/authorization-policy";
import { meshNoMtlsDowngrade } from "../policies/mesh/no-mtls-downgrade";
import { meshStrictMtls } from "../policies/mesh/strict-mtls";
import { platformNamespaces } from "../platform/namespaces";
import { UNKNOWN } from "../policies/engine/unknown";
import { describePolicyRule, namespace, object, resource } from "./policy-support";

const ROOT = platformNamespaces.meshRoot;
const peerAuth = (ns: string, name: string, spec: Record<string, unknown>) => object("security.istio.io/v1", "PeerAuthentication", ns, name, { spec });
const authz = (ns: string) => object("security.istio.io/v1", "AuthorizationPolicy", ns, "allow", { spec: {} });
const policy = (ns: string, name: string, spec: Record<string, unknown>) => object("security.istio.io/v1", "AuthorizationPolicy", ns, name, { spec });
const meshed = (name: string) => namespace(name, { "pod-security.kubernetes.io/enforce": "restricted", "istio-injection": "enabled" });
const MISSING_STRICT = `PeerAuthentication ${ROOT}/default: the mesh has no mesh-wide STRICT mTLS: a PeerAuthentication in ${ROOT} without a selector must set mtls.mode: STRICT`;

describePolicyRule(meshStrictMtls, [
  { title: "a stack without a mesh", fixtures: [namespace("a")], findings: [] },
  { title: "a mesh with a mesh-wide STRICT policy", fixtures: [meshed("a"), peerAuth(ROOT, "default", { mtls: { mode: "STRICT" } })], findings: [] },
  { title: "a meshed namespace and no PeerAuthentication", fixtures: [meshed("a")], findings: [MISSING_STRICT] },
  {
    title: "an istiod Helm release and no PeerAuthentication",
    fixtures: [resource("kubernetes:helm.sh/v3:Release", "istiod", { chart: "istiod", version: "1.30.3", namespace: ROOT })],
    findings: [MISSING_STRICT],
  },
  {
    title: "a STRICT policy that selects workloads, or sits outside the root namespace",
    fixtures: [peerAuth(ROOT, "some", { selector: { matchLabels: { app: "x" } }, mtls: { mode: "STRICT" } }), peerAuth("a", "ns", { mtls: { mode: "STRICT" } })],
    findings: [MISSING_STRICT],
  },
  {
    title: "a mesh-wide PERMISSIVE policy",
    fixtures: [peerAuth(ROOT, "mesh", { mtls: { mode: "PERMISSIVE" } })],
    findings: [`PeerAuthentication ${ROOT}/mesh: the mesh has no mesh-wide STRICT mTLS: a PeerAuthentication in ${ROOT} without a selector must set mtls.mode: STRICT`],
  },
]);

describePolicyRule(meshNoMtlsDowngrade, [
  { title: "STRICT, also per port", fixtures: [peerAuth("a", "p", { mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "STRICT" } } })], findings: [] },
  {
    title: "a PERMISSIVE namespace policy",
    fixtures: [peerAuth("a", "p", { mtls: { mode: "PERMISSIVE" } })],
    findings: ["PeerAuthentication a/p: mtls.mode is PERMISSIVE: plain-text traffic is accepted; keep STRICT"],
  },
  {
    title: "a port that DISABLEs mTLS",
    fixtures: [peerAuth("a", "p", { mtls: { mode: "STRICT" }, portLevelMtls: { "9090": { mode: "DISABLE" } } })],
    findings: ["PeerAuthentication a/p: portLevelMtls.9090.mode is DISABLE: plain-text traffic is accepted; keep STRICT"],
  },
  {
    title: "a mode unknown until apply",
    fixtures: [peerAuth("a", "p", { mtls: { mode: UNKNOWN } })],
    findings: ["PeerAuthentication a/p: UNDETERMINED mtls.mode is (unknown until apply): could not be judged in this preview"],
  },
]);

describePolicyRule(meshAuthorizationPolicy, [
  { title: "meshed namespaces with a policy each, and an unmeshed one without", fixtures: [meshed("a"), authz("a"), namespace("b")], findings: [] },
  {
    title: "a meshed namespace without a policy (sidecar and ambient)",
    fixtures: [meshed("a"), namespace("c", { "istio.io/dataplane-mode": "ambient" }), authz("b")],
    findings: [
      "Namespace a: is in the mesh but has no AuthorizationPolicy: every meshed namespace says which callers it admits",
      "Namespace c: is in the mesh but has no AuthorizationPolicy: every meshed namespace says which callers it admits",
    ],
  },
  {
    title: "ALLOW policies that narrow: by principal, by namespace, by port, by a condition; and DENY policies with an empty rule",
    fixtures: [
      meshed("a"),
      policy("a", "by-principal", { rules: [{ from: [{ source: { principals: ["cluster.local/ns/b/sa/b"] } }] }] }),
      policy("a", "by-namespace", { action: "ALLOW", rules: [{ from: [{ source: { namespaces: ["b"] } }] }] }),
      policy("a", "by-port", { rules: [{ to: [{ operation: { ports: ["9092"] } }] }] }),
      policy("a", "by-condition", { rules: [{ when: [{ key: "request.headers[x-tenant]", values: ["t1"] }] }] }),
      policy("a", "deny", { action: "DENY", rules: [{}] }),
      policy("a", "deny-all", { action: "ALLOW" }),
    ],
    findings: [],
  },
  {
    title: "ALLOW rules that match every request: rules: [{}], an empty source, wildcard principals and namespaces, an empty operation",
    fixtures: [
      meshed("a"),
      policy("a", "empty", { rules: [{}] }),
      policy("a", "empty-source", { rules: [{ from: [{ source: {} }] }] }),
      policy("a", "wildcards", { rules: [{ from: [{ source: { principals: ["*"], namespaces: ["*"], notNamespaces: ["b"] } }], to: [{ operation: {} }] }] }),
      policy("a", "one-wide-source", { rules: [{ from: [{ source: { principals: ["cluster.local/ns/b/sa/b"] } }, { source: {} }] }] }),
    ],
    findings: ["empty", "empty-source", "wildcards", "one-wide-source"].map(
      (name) => `AuthorizationPolicy a/${name}: rules[0] matches every request (no from, to or when narrows it): an ALLOW policy with it admits every caller to everything; name the principals, namespaces or ports it admits`,
    ),
  },
  {
    title: "a rule whose source is unknown until apply, and a namespace whose labels are",
    fixtures: [meshed("a"), policy("a", "p", { rules: [{ from: [{ source: { principals: [UNKNOWN] } }] }] }), object("v1", "Namespace", undefined, "b", {}, { labels: UNKNOWN })],
    findings: [
      "Namespace b: UNDETERMINED its labels is (unknown until apply): whether it is in the mesh (and needs an AuthorizationPolicy) could not be judged in this preview",
      "AuthorizationPolicy a/p: UNDETERMINED rules[0] is (unknown until apply): could not be judged in this preview",
    ],
  },
]);
