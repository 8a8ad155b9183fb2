import { networkDefaultDeny } from "../policies/network/default-deny";
import { networkNoExternalIps } from "../policies/network/no-external-ips";
import { networkServiceExposure } from "../policies/network/service-exposure";
import { networkNoWideOpenAllow } from "../policies/network/wide-open-allow";
import { namespaceRestrictedPodSecurity } from "../policies/pod-security/namespace-restricted";
import { platformNamespaces } from "../platform/namespaces";
import { describePolicyRule, namespace, object } from "./policy-support";

const GATEWAY = platformNamespaces.gateway;
const netpol = (ns: string, name: string, spec: Record<string, unknown>) => object("networking.k8s.io/v1", "NetworkPolicy", ns, name, { spec });
const service = (ns: string, spec: Record<string, unknown>, annotations?: Record<string, string>) =>
  object("v1", "Service", ns, "svc", { spec }, annotations ? { annotations } : {});
const denyAll = (ns: string) => netpol(ns, "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
const peerRule = (peer: Record<string, unknown>) => [{ from: [peer] }];

describePolicyRule(networkDefaultDeny, [
  { title: "a namespace with one policy denying both directions", fixtures: [namespace("a"), denyAll("a")], findings: [] },
  {
    title: "a namespace with separate ingress and egress deny policies (policyTypes defaulted for ingress)",
    fixtures: [namespace("a"), netpol("a", "in", { podSelector: {} }), netpol("a", "out", { podSelector: {}, policyTypes: ["Egress"] })],
    findings: [],
  },
  {
    title: "a namespace without any policy",
    fixtures: [namespace("a")],
    findings: [
      "Namespace a: no default-deny ingress NetworkPolicy (podSelector: {}, policyTypes: [Ingress], no ingress rules): every pod is open until one exists",
      "Namespace a: no default-deny egress NetworkPolicy (podSelector: {}, policyTypes: [Egress], no egress rules): every pod is open until one exists",
    ],
  },
  {
    title: "a deny that selects only some pods, and another namespace's deny",
    fixtures: [namespace("a"), netpol("a", "some", { podSelector: { matchLabels: { app: "x" } }, policyTypes: ["Ingress", "Egress"] }), denyAll("b")],
    findings: [
      "Namespace a: no default-deny ingress NetworkPolicy (podSelector: {}, policyTypes: [Ingress], no ingress rules): every pod is open until one exists",
      "Namespace a: no default-deny egress NetworkPolicy (podSelector: {}, policyTypes: [Egress], no egress rules): every pod is open until one exists",
    ],
  },
  {
    title: "an egress 'deny' that has an allow rule",
    fixtures: [namespace("a"), netpol("a", "x", { podSelector: {}, policyTypes: ["Ingress", "Egress"], egress: [{ to: [{ podSelector: {} }] }] })],
    findings: ["Namespace a: no default-deny egress NetworkPolicy (podSelector: {}, policyTypes: [Egress], no egress rules): every pod is open until one exists"],
  },
]);

describePolicyRule(networkNoWideOpenAllow, [
  {
    title: "peers named by namespace and pods",
    fixtures: [netpol("a", "p", { podSelector: {}, ingress: peerRule({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "b" } } }) })],
    findings: [],
  },
  {
    title: "DNS egress to every namespace on port 53",
    fixtures: [netpol("a", "dns", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }] })],
    findings: [],
  },
  {
    title: "ingress from anywhere into the gateway namespace",
    fixtures: [netpol(GATEWAY, "lb", { podSelector: {}, ingress: peerRule({ ipBlock: { cidr: "0.0.0.0/0" } }) })],
    findings: [],
  },
  {
    title: "an ingress rule from every namespace",
    fixtures: [netpol("a", "p", { podSelector: {}, ingress: peerRule({ namespaceSelector: {} }) })],
    findings: ["NetworkPolicy a/p: ingress[0] from[0] admits every namespace (namespaceSelector: {}): name the namespaces and pods that need it"],
  },
  {
    title: "an ingress rule without from",
    fixtures: [netpol("a", "p", { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] })],
    findings: ["NetworkPolicy a/p: ingress[0] admits every source, in the cluster and outside it (no from): name the namespaces and pods that need it"],
  },
  {
    title: "egress to 0.0.0.0/0 and ::/0 on a non-DNS port",
    fixtures: [netpol("a", "p", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }], ports: [{ port: 443 }] }] })],
    findings: [
      "NetworkPolicy a/p: egress[0] to[0] allows 0.0.0.0/0: name the namespaces and pods that need it",
      "NetworkPolicy a/p: egress[0] to[1] allows ::/0: name the namespaces and pods that need it",
    ],
  },
  {
    title: "an egress rule without to, even with port 53 and 443",
    fixtures: [netpol("a", "p", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: 53 }, { port: 443 }] }] })],
    findings: ["NetworkPolicy a/p: egress[0] allows every destination, in the cluster and outside it (no to): name the namespaces and pods that need it"],
  },
]);

describePolicyRule(networkServiceExposure, [
  { title: "a ClusterIP Service", fixtures: [service("a", { type: "ClusterIP" })], findings: [] },
  { title: "a LoadBalancer in the gateway namespace", fixtures: [service(GATEWAY, { type: "LoadBalancer" })], findings: [] },
  {
    title: "a LoadBalancer elsewhere",
    fixtures: [service("a", { type: "LoadBalancer" })],
    findings: [`Service a/svc: type LoadBalancer outside the gateway namespace "${GATEWAY}": only the gateway is exposed; use ClusterIP and route through the gateway`],
  },
  {
    title: "a NodePort elsewhere",
    fixtures: [service("a", { type: "NodePort" })],
    findings: [`Service a/svc: type NodePort outside the gateway namespace "${GATEWAY}": only the gateway is exposed; use ClusterIP and route through the gateway`],
  },
  { title: "an ALB Ingress in the gateway namespace", fixtures: [object("networking.k8s.io/v1", "Ingress", GATEWAY, "edge", { spec: { ingressClassName: "alb" } })], findings: [] },
  {
    title: "an Ingress elsewhere (the load balancer an ALB Ingress makes is the gateway's alone)",
    fixtures: [object("networking.k8s.io/v1", "Ingress", "a", "web", { spec: { ingressClassName: "alb" } })],
    findings: [`Ingress a/web: an Ingress outside the gateway namespace "${GATEWAY}" opens a way in from outside the cluster: route through the gateway`],
  },
]);

describePolicyRule(networkNoExternalIps, [
  { title: "a Service without externalIPs", fixtures: [service("a", { type: "ClusterIP", externalIPs: [] })], findings: [] },
  {
    title: "a Service with externalIPs",
    fixtures: [service("a", { externalIPs: ["10.0.0.1"] })],
    findings: ['Service a/svc: sets externalIPs ["10.0.0.1"]: traffic to those addresses would bypass the gateway (CVE-2020-8554)'],
  },
]);

describePolicyRule(namespaceRestrictedPodSecurity, [
  { title: "a restricted namespace", fixtures: [namespace("a")], findings: [] },
  {
    title: "a privileged namespace",
    fixtures: [namespace("a", { "pod-security.kubernetes.io/enforce": "privileged" })],
    findings: ['Namespace a: enforces "privileged": namespaces enforce "restricted"; a component that needs host access gets its own namespace and an exemption with a reason'],
  },
  {
    title: "a namespace without the label",
    fixtures: [namespace("a", {})],
    findings: ['Namespace a: has no pod-security.kubernetes.io/enforce label: namespaces enforce "restricted"; a component that needs host access gets its own namespace and an exemption with a reason'],
  },
]);
