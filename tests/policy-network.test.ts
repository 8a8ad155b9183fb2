import { networkDefaultDeny } from "../policies/network/default-deny";
import { networkNoExternalIps } from "../policies/network/no-external-ips";
import { networkServiceExposure } from "../policies/network/service-exposure";
import { networkNoWideOpenAllow } from "../policies/network/wide-open-allow";
import { namespaceRestrictedPodSecurity } from "../policies/pod-security/namespace-restricted";
import { networkNoExternalName } from "../policies/network/no-external-name";
import { persistentVolumeNoHostPath } from "../policies/pod-security/persistent-volume-host-path";
import { UNKNOWN } from "../policies/engine/unknown";
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
    title: "a namespace whose only deny-all policy has a selector unknown until apply",
    fixtures: [namespace("a"), netpol("a", "deny", { podSelector: UNKNOWN, policyTypes: ["Ingress", "Egress"] })],
    findings: [
      "Namespace a: UNDETERMINED whether one of its NetworkPolicies denies all ingress is (unknown until apply): could not be judged in this preview",
      "Namespace a: UNDETERMINED whether one of its NetworkPolicies denies all egress is (unknown until apply): could not be judged in this preview",
    ],
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
    title: "namespace selectors that narrow nothing: matchLabels {}, Exists on the name label, DoesNotExist, NotIn",
    fixtures: [
      netpol("a", "p", {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: {} } }] },
          { from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] } }] },
          { from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "DoesNotExist" }] }, podSelector: { matchLabels: { app: "x" } } }] },
          { from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["b"] }] } }] },
        ],
      }),
    ],
    findings: [
      'NetworkPolicy a/p: ingress[0] from[0] admits every namespace (namespaceSelector {"matchLabels":{}} names no label a namespace must be given): name the namespaces and pods that need it',
      'NetworkPolicy a/p: ingress[1] from[0] admits every namespace (namespaceSelector {"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"Exists"}]} names no label a namespace must be given): name the namespaces and pods that need it',
      'NetworkPolicy a/p: ingress[2] from[0] admits every namespace (namespaceSelector {"matchExpressions":[{"key":"team","operator":"DoesNotExist"}]} names no label a namespace must be given): name the namespaces and pods that need it',
      'NetworkPolicy a/p: ingress[3] from[0] admits every namespace (namespaceSelector {"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["b"]}]} names no label a namespace must be given): name the namespaces and pods that need it',
    ],
  },
  {
    title: "namespace selectors that name a label value or a label to be given (In, Exists on another key)",
    fixtures: [
      netpol("a", "p", {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["b", "c"] }] } }] },
          { from: [{ namespaceSelector: { matchExpressions: [{ key: "strata.io/monitoring", operator: "Exists" }] } }] },
        ],
      }),
    ],
    findings: [],
  },
  {
    title: "blocks that add up to every address: two /1, four /2 across rules, ::/1 + 8000::/1, 0.0.0.0/00, an IPv4-mapped ::ffff:0:0/96",
    fixtures: [
      netpol("a", "halves", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/1" } }, { ipBlock: { cidr: "128.0.0.0/1" } }], ports: [{ port: 443 }] }] }),
      netpol("a", "quarters", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"].map((cidr) => ({ to: [{ ipBlock: { cidr, except: ["10.0.0.0/8"] } }], ports: [{ port: 443 }] })),
      }),
      netpol("a", "v6", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "::/1" } }, { ipBlock: { cidr: "8000::/1" } }] }] }),
      netpol("a", "zeros", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/00" } }] }] }),
      netpol("a", "mapped", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "::ffff:0:0/96" } }] }] }),
    ],
    findings: [
      "NetworkPolicy a/halves: egress ipBlocks allow every IPv4 address together (2 blocks that add up to it): name the namespaces and pods that need it",
      "NetworkPolicy a/quarters: egress ipBlocks allow every IPv4 address together (4 blocks that add up to it): name the namespaces and pods that need it",
      "NetworkPolicy a/v6: ingress ipBlocks admit every IPv6 address together (2 blocks that add up to it): name the namespaces and pods that need it",
      "NetworkPolicy a/zeros: ingress[0] from[0] admits 0.0.0.0/00 (every IPv4 address): name the namespaces and pods that need it",
      "NetworkPolicy a/mapped: ingress[0] from[0] admits ::ffff:0:0/96 (every IPv4 address): name the namespaces and pods that need it",
    ],
  },
  {
    title: "blocks that leave addresses out (three of four /2; the VPC's /16)",
    fixtures: [
      netpol("a", "p", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: ["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2"].map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: 443 }] }, { to: [{ ipBlock: { cidr: "10.0.0.0/16" } }] }] }),
    ],
    findings: [],
  },
  {
    title: "peers and rules unknown until apply: what could not be judged, nothing passed silently",
    fixtures: [netpol("a", "p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: UNKNOWN } }, { namespaceSelector: UNKNOWN }] }, { from: UNKNOWN }] })],
    findings: [
      "NetworkPolicy a/p: UNDETERMINED ingress[0] from[0] ipBlock.cidr is (unknown until apply): could not be judged in this preview",
      "NetworkPolicy a/p: UNDETERMINED ingress[0] from[1] namespaceSelector is (unknown until apply): could not be judged in this preview",
      "NetworkPolicy a/p: UNDETERMINED ingress[1] from is (unknown until apply): could not be judged in this preview",
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
  { title: "an Ingress and a Gateway in the gateway namespace", fixtures: [object("networking.k8s.io/v1", "Ingress", GATEWAY, "edge"), object("gateway.networking.k8s.io/v1", "Gateway", GATEWAY, "edge")], findings: [] },
  {
    title: "an Ingress (both API groups) and a Gateway API Gateway elsewhere",
    fixtures: [object("networking.k8s.io/v1", "Ingress", "a", "web"), object("extensions/v1beta1", "Ingress", "a", "old"), object("gateway.networking.k8s.io/v1", "Gateway", "a", "gw")],
    findings: [
      `Ingress a/web: an Ingress outside the gateway namespace "${GATEWAY}" opens a way in from outside the cluster: route through the gateway`,
      `Ingress a/old: an Ingress outside the gateway namespace "${GATEWAY}" opens a way in from outside the cluster: route through the gateway`,
      `Gateway a/gw: a Gateway outside the gateway namespace "${GATEWAY}" opens a way in from outside the cluster: route through the gateway`,
    ],
  },
  { title: "a Service whose type is unknown until apply", fixtures: [service("a", { type: UNKNOWN })], findings: ["Service a/svc: UNDETERMINED spec.type is (unknown until apply): could not be judged in this preview"] },
  {
    title: "an Ingress elsewhere (the load balancer an ALB Ingress makes is the gateway's alone)",
    fixtures: [object("networking.k8s.io/v1", "Ingress", "a", "web", { spec: { ingressClassName: "alb" } })],
    findings: [`Ingress a/web: an Ingress outside the gateway namespace "${GATEWAY}" opens a way in from outside the cluster: route through the gateway`],
  },
]);

describePolicyRule(networkNoExternalName, [
  { title: "a ClusterIP Service", fixtures: [service("a", { type: "ClusterIP" })], findings: [] },
  {
    title: "an ExternalName Service",
    fixtures: [service("a", { type: "ExternalName", externalName: "db.kube-system.svc.cluster.local" })],
    findings: ['Service a/svc: type ExternalName (an alias to "db.kube-system.svc.cluster.local"): reach that host through a declared egress rule, not a DNS alias'],
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
  ...["v1.34", "v1.37", "v1.99", "latest"].map((version) => ({
    title: `a restricted namespace at ${version}`,
    fixtures: [namespace("a", { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": version })],
    findings: [],
  })),
  {
    title: "a restricted namespace at v1.0 (later checks left out)",
    fixtures: [namespace("a", { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.0" })],
    findings: ['Namespace a: enforces "restricted" at v1.0, older than v1.34: an old version leaves out later checks (seccomp, capabilities, runAsUser, probe hosts); remove the label, or set "latest" or v1.34 or newer'],
  },
  {
    title: "a restricted namespace whose version is no version",
    fixtures: [namespace("a", { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.x" })],
    findings: ['Namespace a: pod-security.kubernetes.io/enforce-version is "v1.x", which is no Pod Security version: remove the label, or set "latest" or v1.34 or newer'],
  },
]);

describePolicyRule(persistentVolumeNoHostPath, [
  { title: "a CSI volume", fixtures: [object("v1", "PersistentVolume", undefined, "pv", { spec: { csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1" } } })], findings: [] },
  {
    title: "a hostPath volume (reached by any claim that binds it)",
    fixtures: [object("v1", "PersistentVolume", undefined, "pv", { spec: { hostPath: { path: "/" }, capacity: { storage: "1Gi" } } })],
    findings: ['PersistentVolume pv: spec.hostPath ("/") hands the node\'s filesystem to any pod whose claim binds it: use a CSI volume'],
  },
]);
