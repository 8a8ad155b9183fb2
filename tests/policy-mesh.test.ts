import { meshAuthorizationPolicy } from "../policies/mesh/authorization-policy";
import { meshNoMtlsDowngrade } from "../policies/mesh/no-mtls-downgrade";
import { meshStrictMtls } from "../policies/mesh/strict-mtls";
import { platformNamespaces } from "../platform/namespaces";
import { describePolicyRule, namespace, object, resource } from "./policy-support";

const ROOT = platformNamespaces.meshRoot;
const peerAuth = (ns: string, name: string, spec: Record<string, unknown>) => object("security.istio.io/v1", "PeerAuthentication", ns, name, { spec });
const authz = (ns: string) => object("security.istio.io/v1", "AuthorizationPolicy", ns, "allow", { spec: {} });
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
]);
