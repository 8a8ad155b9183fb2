import { EGRESS_GATEWAY_NAMESPACE, EGRESS_HOSTS_ANNOTATION } from "../platform/egress";
import { meshEgressDeclared } from "../policies/mesh/egress-declared";
import { UNKNOWN } from "../policies/engine/unknown";
import { describePolicyRule, object } from "./policy-support";

/** mesh-egress-declared: every external ServiceEntry host is declared, and the egress gateway admits exactly the declarers. */

const NS = EGRESS_GATEWAY_NAMESPACE;
const account = (ns: string, hosts: unknown) => object("v1", "ServiceAccount", ns, ns, {}, { annotations: { [EGRESS_HOSTS_ANNOTATION]: hosts } });
const entry = (name: string, hosts: unknown, location: unknown = "MESH_EXTERNAL") => object("networking.istio.io/v1", "ServiceEntry", NS, name, { spec: { hosts, location, resolution: "DNS" } });
const principal = (ns: string) => `cluster.local/ns/${ns}/sa/${ns}`;
const rule = (host: unknown, principals: unknown) => ({ from: [{ source: { principals } }], when: [{ key: "connection.sni", values: [host] }] });
const gatewayPolicy = (rules: unknown[], ns = NS) => object("security.istio.io/v1", "AuthorizationPolicy", ns, "allow-declared-egress", { spec: { action: "ALLOW", selector: { matchLabels: { app: "istio-egressgateway" } }, rules } });

const declared = [account("agents", "api.openai.com,api.anthropic.com"), account("crawler", "*.example.com"), entry("openai", ["api.openai.com"]), entry("anthropic", ["api.anthropic.com"]), entry("wild", ["*.example.com"])];
const exact = gatewayPolicy([rule("api.openai.com", [principal("agents")]), rule("api.anthropic.com", [principal("agents")]), rule("*.example.com", [principal("crawler")])]);

describePolicyRule(meshEgressDeclared, [
  { title: "declared hosts, each admitted from exactly its declaring account", fixtures: [...declared, exact], findings: [] },
  { title: "no egress at all, and a ServiceEntry inside the mesh", fixtures: [entry("internal", ["billing.internal.example"], "MESH_INTERNAL")], findings: [] },
  {
    title: "a ServiceEntry (location defaulted to MESH_EXTERNAL) for a host no layer declares",
    fixtures: [account("agents", "api.openai.com"), object("networking.istio.io/v1", "ServiceEntry", "agents", "exfil", { spec: { hosts: ["api.openai.com", "paste.example.net"] } })],
    findings: [
      "ServiceEntry agents/exfil: spec.hosts[1] \"paste.example.net\" is an external host no layer declares: declare it in the calling layer's egress (layers[].egress), which also admits that layer alone at the egress gateway",
    ],
  },
  {
    title: "the gateway admitting a layer to another layer's host",
    fixtures: [...declared, gatewayPolicy([rule("api.openai.com", [principal("agents"), principal("crawler")]), rule("api.anthropic.com", [principal("agents")]), rule("*.example.com", [principal("crawler")])])],
    findings: [
      `AuthorizationPolicy ${NS}/allow-declared-egress: spec.rules[0] admits ${principal("crawler")} to "api.openai.com", which that account does not declare (${EGRESS_HOSTS_ANNOTATION}): a layer may use only the hosts it declares`,
    ],
  },
  {
    title: "the gateway missing a declaration, and a rule naming no host or no principal",
    fixtures: [...declared, gatewayPolicy([rule("api.openai.com", [principal("agents")]), rule("*.example.com", [principal("crawler")])])],
    findings: [`AuthorizationPolicy ${NS}/allow-declared-egress: admits no rule for ${principal("agents")} to "api.anthropic.com", which it declares: the policy must match the declarations exactly`],
  },
  {
    title: "rules that name no host, or no principal",
    fixtures: [...declared, gatewayPolicy([{ from: [{ source: { principals: [principal("agents")] } }] }, { when: [{ key: "connection.sni", values: ["api.openai.com"] }] }])],
    findings: [
      `AuthorizationPolicy ${NS}/allow-declared-egress: spec.rules[0] names no host (connection.sni): the egress gateway would let its callers reach any host it routes`,
      `AuthorizationPolicy ${NS}/allow-declared-egress: spec.rules[1] names no principal: every caller could reach "api.openai.com"`,
    ],
  },
  { title: "a policy outside the egress gateway's namespace is another rule's business", fixtures: [...declared, exact, gatewayPolicy([{}], "agents")], findings: [] },
  {
    title: "a ServiceEntry's host or location unknown until apply",
    fixtures: [account("agents", "api.openai.com"), entry("unknown-host", [UNKNOWN]), entry("unknown-location", ["x.example.org"], UNKNOWN)],
    findings: [
      `ServiceEntry ${NS}/unknown-host: UNDETERMINED spec.hosts[0] is (unknown until apply): could not be judged in this preview`,
      `ServiceEntry ${NS}/unknown-location: UNDETERMINED spec.location is (unknown until apply): whether it registers an external host could not be judged in this preview`,
    ],
  },
  {
    title: "an account's declaration unknown until apply: an undeclared host and admission are undetermined, not violations",
    fixtures: [account("agents", UNKNOWN), entry("openai", ["api.openai.com"]), gatewayPolicy([rule("api.openai.com", [principal("agents")])])],
    findings: [
      `ServiceEntry ${NS}/openai: UNDETERMINED the egress declarations of agents/agents is (unknown until apply): whether a layer declares "api.openai.com" could not be judged in this preview`,
      `AuthorizationPolicy ${NS}/allow-declared-egress: UNDETERMINED the egress declarations of agents/agents is (unknown until apply): whether ${principal("agents")} declares "api.openai.com" could not be judged in this preview`,
    ],
  },
  {
    title: "a gateway rule's SNI or principals unknown until apply",
    fixtures: [...declared, gatewayPolicy([rule(UNKNOWN, [principal("agents")]), rule("api.openai.com", UNKNOWN)])],
    findings: [
      `AuthorizationPolicy ${NS}/allow-declared-egress: UNDETERMINED spec.rules[0].when[0].values[0] is (unknown until apply): could not be judged in this preview`,
      `AuthorizationPolicy ${NS}/allow-declared-egress: UNDETERMINED spec.rules[1].from[0].source.principals is (unknown until apply): could not be judged in this preview`,
    ],
  },
]);
