import * as pulumi from "@pulumi/pulumi";
import { EGRESS_HOSTS_ANNOTATION } from "../../policies/platform/egress";
import { nodePools, podPlacement } from "../../policies/platform/placement";
import { apiGroupOf, type KubernetesObjectLike } from "../../policies/pod-security/pod-spec";
import { POD_SECURITY_CONTROLS } from "./controls";
import { buildPodKind, IMAGE, POD_KINDS, RESOURCES, type PodKind } from "./pod-kinds";

/**
 * The hostile-manifest corpus: one case per bypass the issue "The guard holds" lists and per Pod Security
 * control on every pod-bearing kind the pack's table knows, each with the rule that must name it, the
 * hostile objects and a compliant twin. tests/hostile-corpus.test.ts runs it through `strata validate`,
 * `strata check` (added to the prod stack) and the pack served over gRPC (with the prod stack as a first
 * preview sees it: every AWS-computed value unknown).
 */

/** A cloud resource (AWS, a Helm release), as a stack registers it: not a manifest. */
export interface CloudResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** Names of the case's other cloud resources its inputs depend on. */
  dependsOn?: string[];
}

export type CaseItem = { object: KubernetesObjectLike } | { cloud: CloudResource };

export interface HostileCase {
  id: string;
  title: string;
  /** The rule that must name the target. */
  rule: string;
  hostile: CaseItem[];
  compliant: CaseItem[];
  /** The hostile item the rule names. */
  target: { kind: string; namespace?: string; name: string };
  /** A Kubernetes manifest case (strata validate judges it); false for cloud resources and Helm releases. */
  manifest: boolean;
  /** A violation (mandatory in prod), or what could not be judged (an unknown pod-bearing kind: advisory). */
  outcome: "violation" | "undetermined";
  /** It replaces an object of the stack (same kind, namespace and name): judged on its own, not beside the others. */
  isolated?: boolean;
  /** The hostile items with the offending value unknown until apply (as the engine's sentinel), and the verdict then. */
  unknown?: { items: CaseItem[]; outcome: "violation" | "undetermined" };
}

/** The engine's wire value for an unknown: put where a value is unknown in a preview. */
export const SENTINEL = pulumi.runtime.unknownValue as string;

const RESTRICTED = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" };
const obj = (object: KubernetesObjectLike): CaseItem => ({ object });
const cloud = (type: string, name: string, inputs: Record<string, unknown>, dependsOn?: string[]): CaseItem => ({ cloud: { type, name, inputs, dependsOn } });

/** A namespace of the corpus: restricted at the newest version, closed by default in both directions. */
export function closedNamespace(name: string, labels: Record<string, string> = RESTRICTED): KubernetesObjectLike[] {
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } },
    { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "default-deny", namespace: name }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
  ];
}

function kindSlug(kind: PodKind): string {
  const group = apiGroupOf(kind.apiVersion);
  return `${kind.kind.toLowerCase()}${group && !["apps", "batch"].includes(group) ? `-${group.split(".")[0]}` : ""}`;
}

/** Every Pod Security control on every pod-bearing kind that can carry it. */
function podSecurityMatrix(): { cases: HostileCase[]; setup: KubernetesObjectLike[] } {
  const cases: HostileCase[] = [];
  const setup: KubernetesObjectLike[] = [];
  for (const kind of POD_KINDS) {
    const namespace = `hk-${kindSlug(kind)}`;
    const compliant = buildPodKind(kind, "compliant", namespace, {})!;
    setup.push(...closedNamespace(namespace));
    for (const control of POD_SECURITY_CONTROLS) {
      const name = control.rule.replace(/^pss-/, "");
      const hostile = buildPodKind(kind, name, namespace, control.patch(control.bad));
      if (!hostile) continue;
      cases.push({
        id: `${namespace}/${name}`,
        title: `${control.rule} on ${kind.apiVersion} ${kind.kind}`,
        rule: control.rule,
        hostile: [obj(hostile)],
        compliant: [obj(compliant)],
        target: { kind: kind.kind, namespace, name },
        manifest: true,
        outcome: "violation",
        unknown: { items: [obj(buildPodKind(kind, `${name}-unknown`, namespace, control.patch(SENTINEL))!)], outcome: control.withUnknown === "violation" ? "violation" : "undetermined" },
      });
    }
  }
  return { cases, setup };
}

const RESTRICTED_POD = { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };
const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } };

/** A compliant Deployment, its pod spec and template metadata patched. */
function deployment(name: string, namespace: string, opts: { replicas?: number; pod?: Record<string, unknown>; container?: Record<string, unknown>; labels?: Record<string, string>; annotations?: Record<string, string> } = {}): KubernetesObjectLike {
  const labels = { app: name, ...(opts.labels ?? {}) };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: {
      replicas: opts.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
        spec: { securityContext: RESTRICTED_POD, containers: [{ name: "app", image: IMAGE, resources: RESOURCES, securityContext: RESTRICTED_CONTAINER, ...(opts.container ?? {}) }], ...(opts.pod ?? {}) },
      },
    },
  };
}

const netpol = (namespace: string, name: string, spec: Record<string, unknown>): KubernetesObjectLike => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec });
const service = (namespace: string, name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KubernetesObjectLike => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
  spec: { ports: [{ port: 80 }], ...spec },
});
const egressTo = (cidrs: string[]) => ({ podSelector: {}, policyTypes: ["Egress"], egress: [{ to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: 443 }] }] });
const fromNamespaces = (namespaceSelector: Record<string, unknown>) => ({ podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector }] }] });

/** A case in its own namespace (closed by default), with one hostile and one compliant set. */
function scoped(id: string, title: string, rule: string, hostile: KubernetesObjectLike[], compliant: KubernetesObjectLike[], target: { kind: string; name: string; clusterScoped?: boolean }): { case: HostileCase; setup: KubernetesObjectLike[] } {
  return {
    case: { id, title, rule, hostile: hostile.map(obj), compliant: compliant.map(obj), target: { kind: target.kind, ...(target.clusterScoped ? {} : { namespace: id }), name: target.name }, manifest: true, outcome: "violation" },
    setup: closedNamespace(id),
  };
}

function bypasses(): { cases: HostileCase[]; setup: KubernetesObjectLike[] } {
  const out: { case: HostileCase; setup: KubernetesObjectLike[] }[] = [];
  const add = (c: { case: HostileCase; setup: KubernetesObjectLike[] }) => out.push(c);

  // A Kafka's container templates, taken by a node pool that has none of its own.
  {
    const ns = "hc-kafka-template";
    const kafka = (name: string, kafkaContainer: Record<string, unknown>): KubernetesObjectLike => ({
      apiVersion: "kafka.strimzi.io/v1",
      kind: "Kafka",
      metadata: { name, namespace: ns },
      spec: { kafka: { listeners: [], rack: { type: "topology-label", topologyKey: "topology.kubernetes.io/zone" }, template: { kafkaContainer: { securityContext: kafkaContainer } } } },
    });
    const pool = (name: string, cluster: string): KubernetesObjectLike => ({
      apiVersion: "kafka.strimzi.io/v1",
      kind: "KafkaNodePool",
      metadata: { name, namespace: ns, labels: { "strimzi.io/cluster": cluster } },
      spec: { replicas: 3, roles: ["broker"], storage: { type: "jbod", volumes: [] }, resources: RESOURCES, template: { pod: { securityContext: RESTRICTED_POD }, initContainer: { securityContext: RESTRICTED_CONTAINER } } },
    });
    add(
      scoped(ns, "a Kafka's privileged kafkaContainer template, run by a node pool without one of its own", "pss-privileged", [kafka("k", { ...RESTRICTED_CONTAINER, privileged: true }), pool("k-brokers", "k")], [kafka("k2", RESTRICTED_CONTAINER), pool("k2-brokers", "k2")], {
        kind: "KafkaNodePool",
        name: "k-brokers",
      }),
    );
  }

  // A hostPath PersistentVolume, reached by a claim and a restricted pod.
  {
    const ns = "hc-pv";
    const pv = (name: string, source: Record<string, unknown>): KubernetesObjectLike => ({ apiVersion: "v1", kind: "PersistentVolume", metadata: { name }, spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], ...source } });
    const claim = (name: string, volume: string): KubernetesObjectLike => ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: ns }, spec: { volumeName: volume, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });
    const user = (name: string, claimName: string) => deployment(name, ns, { pod: { volumes: [{ name: "data", persistentVolumeClaim: { claimName } }] } });
    add(
      scoped(ns, "a hostPath PersistentVolume bound by a claim a restricted pod mounts", "persistent-volume-no-host-path", [pv("hc-pv-host", { hostPath: { path: "/" } }), claim("host", "hc-pv-host"), user("host", "host")], [pv("hc-pv-csi", { csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-1" } }), claim("csi", "hc-pv-csi"), user("csi", "csi")], {
        kind: "PersistentVolume",
        name: "hc-pv-host",
        clusterScoped: true,
      }),
    );
  }

  const ingress = (namespace: string, name: string): KubernetesObjectLike => ({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name, namespace }, spec: { rules: [{ host: "app.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] } });
  const gateway = (namespace: string, name: string): KubernetesObjectLike => ({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name, namespace }, spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] } });
  const exposure = (id: string, title: string, hostile: KubernetesObjectLike, compliant: KubernetesObjectLike) =>
    add(scoped(id, title, "network-service-exposure", [hostile], [compliant], { kind: String(hostile.kind), name: String(hostile.metadata!.name) }));
  exposure("hc-ingress", "an Ingress outside the gateway namespace (compliant: in it)", ingress("hc-ingress", "web"), ingress("istio-ingress", "hc-edge"));
  exposure("hc-gateway-api", "a Gateway API Gateway outside the gateway namespace (compliant: in it)", gateway("hc-gateway-api", "gw"), gateway("istio-ingress", "hc-gw"));
  exposure("hc-lb", "a LoadBalancer Service outside the gateway namespace", service("hc-lb", "public", { type: "LoadBalancer" }), service("hc-lb", "private", { type: "ClusterIP" }));
  add(scoped("hc-external-name", "an ExternalName Service", "network-no-external-name", [service("hc-external-name", "alias", { type: "ExternalName", externalName: "kubernetes.default.svc.cluster.local", ports: undefined })], [service("hc-external-name", "plain", { type: "ClusterIP" })], { kind: "Service", name: "alias" }));
  add(scoped("hc-external-ips", "a Service with externalIPs", "network-no-external-ips", [service("hc-external-ips", "ips", { externalIPs: ["203.0.113.7"] })], [service("hc-external-ips", "plain", {})], { kind: "Service", name: "ips" }));

  // RBAC: everything granted, by name or in other words.
  {
    const RBAC = "rbac.authorization.k8s.io/v1";
    const role = (kind: string, name: string, rules: unknown[], namespace?: string): KubernetesObjectLike => ({ apiVersion: RBAC, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, rules });
    const binding = (kind: string, name: string, roleKind: string, roleName: string, namespace?: string): KubernetesObjectLike => ({
      apiVersion: RBAC,
      kind,
      metadata: { name, ...(namespace ? { namespace } : {}) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: roleName },
      subjects: [{ kind: "ServiceAccount", name: "app", namespace: namespace ?? "default" }],
    });
    const narrow = [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }];
    const everything = [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }];
    add(scoped("hc-rbac-admin", "a ClusterRoleBinding to cluster-admin", "rbac-no-cluster-admin", [binding("ClusterRoleBinding", "hc-admin", "ClusterRole", "cluster-admin")], [role("ClusterRole", "hc-reader", narrow), binding("ClusterRoleBinding", "hc-reader", "ClusterRole", "hc-reader")], { kind: "ClusterRoleBinding", name: "hc-admin", clusterScoped: true }));
    add(scoped("hc-rbac-star", "a ClusterRoleBinding to a ClusterRole with * verbs on *", "rbac-no-cluster-admin", [role("ClusterRole", "hc-star", everything), binding("ClusterRoleBinding", "hc-star", "ClusterRole", "hc-star")], [role("ClusterRole", "hc-narrow", narrow), binding("ClusterRoleBinding", "hc-narrow", "ClusterRole", "hc-narrow")], { kind: "ClusterRoleBinding", name: "hc-star", clusterScoped: true }));
    add(scoped("hc-rbac-ns", "a RoleBinding to a Role with * verbs on * in its namespace", "rbac-no-cluster-admin", [role("Role", "star", everything, "hc-rbac-ns"), binding("RoleBinding", "star", "Role", "star", "hc-rbac-ns")], [role("Role", "narrow", narrow, "hc-rbac-ns"), binding("RoleBinding", "narrow", "Role", "narrow", "hc-rbac-ns")], { kind: "RoleBinding", name: "star" }));
  }

  // A pod-bearing kind no extractor knows: reported (advisory), not passed.
  {
    const knative = (name: string, image: string): KubernetesObjectLike => ({ apiVersion: "serving.knative.dev/v1", kind: "Service", metadata: { name, namespace: "hc-unknown-kind" }, spec: { template: { spec: { containers: [{ image, securityContext: { privileged: true } }] } } } });
    const c = scoped("hc-unknown-kind", "a Knative Service (a pod-bearing kind the table does not know), privileged", "pod-security-known-kinds", [knative("privileged", IMAGE)], [deployment("known", "hc-unknown-kind")], { kind: "Service", name: "privileged" });
    c.case.outcome = "undetermined";
    add(c);
  }

  // Allow-all in other words.
  const wide = (id: string, title: string, spec: Record<string, unknown>, compliantSpec: Record<string, unknown>) =>
    add(scoped(id, title, "network-no-wide-open-allow", [netpol(id, "wide", spec)], [netpol(id, "narrow", compliantSpec)], { kind: "NetworkPolicy", name: "wide" }));
  const namedNamespace = fromNamespaces({ matchLabels: { "kubernetes.io/metadata.name": "l1-allocation" } });
  wide("hc-ns-matchlabels-empty", "namespaceSelector: {matchLabels: {}}", fromNamespaces({ matchLabels: {} }), namedNamespace);
  wide("hc-ns-exists-name", "namespaceSelector Exists on kubernetes.io/metadata.name (every namespace has it)", fromNamespaces({ matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] }), namedNamespace);
  wide("hc-ns-does-not-exist", "namespaceSelector DoesNotExist (every namespace without a label)", fromNamespaces({ matchExpressions: [{ key: "team", operator: "DoesNotExist" }] }), namedNamespace);
  wide("hc-cidr-halves", "0.0.0.0/1 + 128.0.0.0/1", egressTo(["0.0.0.0/1", "128.0.0.0/1"]), egressTo(["10.0.0.0/16"]));
  wide("hc-cidr-quarters", "four /2 blocks", egressTo(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"]), egressTo(["10.0.0.0/16"]));
  wide("hc-cidr-v6-halves", "::/1 + 8000::/1", egressTo(["::/1", "8000::/1"]), egressTo(["fd00::/8"]));
  wide("hc-cidr-zero-padded", "0.0.0.0/00", egressTo(["0.0.0.0/00"]), egressTo(["10.0.0.0/16"]));

  // An ALLOW AuthorizationPolicy with rules: [{}] in a meshed namespace.
  {
    const id = "hc-authz";
    const policy = (name: string, rules: unknown[]): KubernetesObjectLike => ({ apiVersion: "security.istio.io/v1", kind: "AuthorizationPolicy", metadata: { name, namespace: id }, spec: { action: "ALLOW", rules } });
    const c = scoped(id, "an ALLOW AuthorizationPolicy with rules: [{}] in a meshed namespace", "mesh-authorization-policy", [policy("allow-all", [{}])], [policy("allow-declared", [{ from: [{ source: { principals: ["cluster.local/ns/l1-allocation/sa/l1-allocation"] } }] }])], { kind: "AuthorizationPolicy", name: "allow-all" });
    out.push({ case: c.case, setup: closedNamespace(id, { ...RESTRICTED, "istio-injection": "enabled" }) });
  }

  // An external host registered that no layer declares (a ServiceEntry beside the egress gateway's own).
  {
    const id = "hc-egress-undeclared";
    const entry = (name: string, host: string): KubernetesObjectLike => ({ apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name, namespace: id }, spec: { hosts: [host], location: "MESH_EXTERNAL", resolution: "DNS", ports: [{ number: 443, name: "tls", protocol: "TLS" }] } });
    const declaring: KubernetesObjectLike = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "caller", namespace: id, annotations: { [EGRESS_HOSTS_ANNOTATION]: "api.example.com" } } };
    const c = scoped(id, "a ServiceEntry for an external host no layer declares", "mesh-egress-declared", [entry("exfil", "exfil.example.net")], [declaring, entry("declared", "api.example.com")], { kind: "ServiceEntry", name: "exfil" });
    c.case.unknown = { items: [obj(entry("exfil-unknown", SENTINEL))], outcome: "undetermined" };
    add(c);
  }

  // Pod Security levels and versions.
  {
    const old = closedNamespace("hc-old-version", { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.0" });
    out.push({
      case: { id: "hc-old-version", title: "a namespace labelled restricted at enforce-version v1.0", rule: "namespace-restricted-pod-security", hostile: [obj(old[0])], compliant: [], target: { kind: "Namespace", name: "hc-old-version" }, manifest: true, outcome: "violation" },
      setup: [old[1]],
    });
    const root = deployment("root", "hc-old-version", { container: { securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 0 } } });
    out.push({
      case: { id: "hc-old-version-pod", title: "a root pod in that namespace (runAsUser=0 is checked from v1.23)", rule: "pss-run-as-user", hostile: [obj(root)], compliant: [obj(deployment("user", "hc-old-version", { container: { securityContext: { ...RESTRICTED_CONTAINER, runAsUser: 1000 } } }))], target: { kind: "Deployment", namespace: "hc-old-version", name: "root" }, manifest: true, outcome: "violation" },
      setup: [],
    });
    const privileged = { apiVersion: "v1", kind: "Namespace", metadata: { name: "hc-privileged", labels: { "pod-security.kubernetes.io/enforce": "privileged" } } };
    out.push({
      case: { id: "hc-privileged", title: "a privileged namespace that no exemption names", rule: "namespace-restricted-pod-security", hostile: [obj(privileged)], compliant: [], target: { kind: "Namespace", name: "hc-privileged" }, manifest: true, outcome: "violation" },
      setup: [closedNamespace("hc-privileged")[1]],
    });
    const sysctlPod = (name: string, namespace: string) => deployment(name, namespace, { pod: { securityContext: { ...RESTRICTED_POD, sysctls: [{ name: "net.ipv4.tcp_slow_start_after_idle", value: "0" }] } } });
    out.push({
      case: { id: "hc-v1-36", title: "tcp_slow_start_after_idle at v1.36 (safe only from v1.37; compliant at latest)", rule: "pss-sysctls", hostile: [obj(sysctlPod("slow-start", "hc-v1-36"))], compliant: [obj(sysctlPod("slow-start", "hc-latest"))], target: { kind: "Deployment", namespace: "hc-v1-36", name: "slow-start" }, manifest: true, outcome: "violation" },
      setup: [...closedNamespace("hc-v1-36", { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.36" }), ...closedNamespace("hc-latest")],
    });
  }

  // Exemptions name what they exempt: anything else in the namespace is judged.
  out.push({
    case: {
      id: "hc-exempt-postgres",
      title: "another wide-open policy in postgres (its exemption names allow-egress-aws-https only)",
      rule: "network-no-wide-open-allow",
      hostile: [obj(netpol("postgres", "hc-open-egress", egressTo(["0.0.0.0/0"])))],
      compliant: [obj(netpol("postgres", "hc-narrow-egress", egressTo(["10.0.0.0/16"])))],
      target: { kind: "NetworkPolicy", namespace: "postgres", name: "hc-open-egress" },
      manifest: true,
      outcome: "violation",
    },
    setup: [],
  });
  const peerAuthentication = (namespace: string, name: string, mode: string): KubernetesObjectLike => ({ apiVersion: "security.istio.io/v1", kind: "PeerAuthentication", metadata: { name, namespace }, spec: { mtls: { mode } } });
  out.push({
    case: {
      id: "hc-exempt-kafka",
      title: "a DISABLE PeerAuthentication in kafka (its exemption names the PERMISSIVE default only)",
      rule: "mesh-no-mtls-downgrade",
      hostile: [obj(peerAuthentication("kafka", "hc-plaintext", "DISABLE"))],
      compliant: [obj(peerAuthentication("kafka", "hc-strict", "STRICT"))],
      target: { kind: "PeerAuthentication", namespace: "kafka", name: "hc-plaintext" },
      manifest: true,
      outcome: "violation",
    },
    setup: [],
  });
  out.push({
    case: {
      id: "hc-mesh-permissive",
      title: "the mesh-wide PeerAuthentication made PERMISSIVE",
      rule: "mesh-strict-mtls",
      hostile: [obj(peerAuthentication("istio-system", "default", "PERMISSIVE"))],
      compliant: [obj(peerAuthentication("istio-system", "default", "STRICT"))],
      target: { kind: "PeerAuthentication", namespace: "istio-system", name: "default" },
      manifest: true,
      outcome: "violation",
      isolated: true,
    },
    setup: [],
  });

  // Images.
  const image = (id: string, title: string, hostile: string) => add(scoped(id, title, "supply-chain-pinned-images", [deployment("moving", id, { container: { image: hostile } })], [deployment("pinned", id)], { kind: "Deployment", name: "moving" }));
  image("hc-image-stable", "an image tagged :stable", "ghcr.io/example/app:stable");
  image("hc-image-latest-case", "an image tagged :Latest", "ghcr.io/example/app:Latest");
  image("hc-image-no-registry", "an image without its registry host", "nginx:1.27");
  {
    const injected = { labels: { "sidecar.istio.io/inject": "true" }, annotations: { "inject.istio.io/templates": "gateway" } };
    add(scoped("hc-image-auto", "image: auto in a pod Istio does not inject (compliant: the injected gateway's)", "supply-chain-pinned-images", [deployment("auto", "hc-image-auto", { container: { image: "auto" } })], [deployment("gateway", "hc-image-auto", { container: { image: "auto" }, ...injected })], { kind: "Deployment", name: "auto" }));
  }

  // The rest of the mandatory rules, each on an object added to the stack.
  add(scoped("hc-resources", "a container without resources", "supply-chain-container-resources", [deployment("unbounded", "hc-resources", { container: { resources: undefined } })], [deployment("bounded", "hc-resources")], { kind: "Deployment", name: "unbounded" }));
  {
    const spot = podPlacement("spot");
    const spread = { topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone", maxSkew: 1, whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: { app: "web" } } }] };
    const budget = (name: string): KubernetesObjectLike => ({ apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name, namespace: "hc-spot" }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: name } } } });
    add(scoped("hc-spot", "a spot Deployment with one replica", "placement-spot-resilience", [deployment("single", "hc-spot", { replicas: 1, pod: { ...spot, ...spread } }), budget("single")], [deployment("pair", "hc-spot", { replicas: 2, pod: { ...spot, ...spread } }), budget("pair")], { kind: "Deployment", name: "single" }));
    const statefulSet = (name: string, pod: Record<string, unknown>): KubernetesObjectLike => ({ ...deployment(name, "hc-stateful", { pod }), kind: "StatefulSet" });
    add(scoped("hc-stateful", "a StatefulSet that tolerates the spot taint", "placement-stateful-never-spot", [statefulSet("on-spot", { tolerations: podPlacement("spot").tolerations })], [statefulSet("on-stateful", { ...podPlacement("stateful") })], { kind: "StatefulSet", name: "on-spot" }));
  }
  out.push({
    case: {
      id: "hc-open",
      title: "a namespace with no default-deny policy (compliant: one closed both ways)",
      rule: "network-default-deny",
      hostile: [obj({ apiVersion: "v1", kind: "Namespace", metadata: { name: "hc-open", labels: RESTRICTED } })],
      compliant: closedNamespace("hc-closed").map(obj),
      target: { kind: "Namespace", name: "hc-open" },
      manifest: true,
      outcome: "violation",
    },
    setup: [],
  });
  out.push({
    case: {
      id: "hc-gateway-lb",
      title: "an internet-facing LoadBalancer Service in the gateway's namespace (no internal scheme) with no TLS gateway behind it",
      rule: "network-public-edge-tls",
      hostile: [obj(service("istio-ingress", "hc-public", { type: "LoadBalancer" }))],
      compliant: [obj(service("istio-ingress", "hc-internal", { type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }))],
      target: { kind: "Service", namespace: "istio-ingress", name: "hc-public" },
      manifest: true,
      outcome: "violation",
    },
    setup: [],
  });

  // The public edge's ALB (issue 19): a Web ACL and an ACM certificate, whatever else it gets right.
  const ACM = "arn:aws:acm:eu-west-1:123456789012:certificate/01234567-89ab-cdef-0123-456789abcdef";
  const WAF = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/hc/01234567-89ab-cdef-0123-456789abcdef";
  const alb = (name: string, annotations: Record<string, string>): KubernetesObjectLike => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: {
      name,
      namespace: "istio-ingress",
      annotations: {
        "alb.ingress.kubernetes.io/scheme": "internet-facing",
        "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
        "alb.ingress.kubernetes.io/ssl-redirect": "443",
        "alb.ingress.kubernetes.io/certificate-arn": ACM,
        "alb.ingress.kubernetes.io/wafv2-acl-arn": WAF,
        ...annotations,
      },
    },
    spec: { ingressClassName: "alb", rules: [{ host: `${name}.example.com`, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "istio-ingressgateway", port: { number: 80 } } } }] } }] },
  });
  const albCase = (id: string, title: string, rule: string, hostile: Record<string, string>) =>
    out.push({
      case: {
        id,
        title,
        rule,
        hostile: [obj(alb(id, hostile))],
        compliant: [obj(alb(`${id}-ok`, {}))],
        target: { kind: "Ingress", namespace: "istio-ingress", name: id },
        manifest: true,
        outcome: "violation",
        // The same annotation unknown (an ARN made in the same update): said, never judged.
        unknown: { items: [obj(alb(`${id}-unknown`, Object.fromEntries(Object.keys(hostile).map((k) => [k, SENTINEL]))))], outcome: "undetermined" },
      },
      setup: [],
    });
  albCase("hc-alb-no-waf", "an internet-facing ALB with an empty Web ACL annotation", "network-public-alb-waf", { "alb.ingress.kubernetes.io/wafv2-acl-arn": "" });
  albCase("hc-alb-iam-cert", "an internet-facing ALB serving an IAM server certificate beside its ACM one", "network-public-certificate-issuer", {
    "alb.ingress.kubernetes.io/certificate-arn": `${ACM},arn:aws:iam::123456789012:server-certificate/hc`,
  });

  // Karpenter (issue 17): a NodePool without limits, an EC2NodeClass answering IMDSv1 with an unencrypted volume.
  const nodePool = (name: string, limits?: Record<string, string>): KubernetesObjectLike => ({
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    metadata: { name },
    spec: {
      template: {
        spec: {
          nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "hc-hardened" },
          requirements: [{ key: "karpenter.sh/capacity-type", operator: "In", values: ["on-demand"] }],
          taints: [{ key: "strata.io/node-pool", value: name, effect: "NoSchedule" }],
        },
      },
      ...(limits ? { limits } : {}),
    },
  });
  out.push({
    case: {
      id: "hc-nodepool-unbounded",
      title: "a Karpenter NodePool with no limits",
      rule: "placement-node-pool-limits",
      hostile: [obj(nodePool("hc-unbounded"))],
      compliant: [obj(nodePool("hc-bounded", { cpu: "16", memory: "64Gi" }))],
      target: { kind: "NodePool", name: "hc-unbounded" },
      manifest: true,
      outcome: "violation",
      unknown: { items: [obj(nodePool("hc-unbounded-unknown", { cpu: SENTINEL, memory: "64Gi" }))], outcome: "undetermined" },
    },
    setup: [],
  });
  const nodeClass = (name: string, httpTokens: string, encrypted: boolean | string): KubernetesObjectLike => ({
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    metadata: { name },
    spec: {
      amiSelectorTerms: [{ alias: "al2023@v20260714" }],
      role: "hc-node-role",
      subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "hc" } }],
      securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "hc" } }],
      metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 1, httpTokens },
      blockDeviceMappings: [{ deviceName: "/dev/xvda", rootVolume: true, ebs: { volumeSize: "20Gi", volumeType: "gp3", encrypted } }],
    },
  });
  out.push({
    case: {
      id: "hc-nodeclass-imdsv1",
      title: "a Karpenter EC2NodeClass answering IMDSv1, its root volume unencrypted",
      rule: "aws-ec2-node-class-hardening",
      hostile: [obj(nodeClass("hc-imdsv1", "optional", false))],
      compliant: [obj(nodeClass("hc-hardened", "required", true))],
      target: { kind: "EC2NodeClass", name: "hc-imdsv1" },
      manifest: true,
      outcome: "violation",
      unknown: { items: [obj(nodeClass("hc-imdsv1-unknown", SENTINEL, SENTINEL))], outcome: "undetermined" },
    },
    setup: [],
  });

  return { cases: out.map((o) => o.case), setup: out.flatMap((o) => o.setup) };
}

/** Cloud resources and Helm releases: judged by `strata check` and the pack, not by `strata validate`. */
function cloudCases(): HostileCase[] {
  const BUCKET = "aws:s3/bucket:Bucket";
  const bucketWith = (name: string, parts: ("sse" | "block" | "versioning")[]): CaseItem[] => [
    cloud(BUCKET, name, { bucketPrefix: name }),
    ...(parts.includes("sse") ? [cloud("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${name}-sse`, { bucket: SENTINEL, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }, [name])] : []),
    ...(parts.includes("block") ? [cloud("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", `${name}-block`, { bucket: SENTINEL, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, [name])] : []),
    ...(parts.includes("versioning") ? [cloud("aws:s3/bucketVersioning:BucketVersioning", `${name}-versioning`, { bucket: SENTINEL, versioningConfiguration: { status: "Enabled" } }, [name])] : []),
  ];
  const bucketCase = (rule: string, missing: "sse" | "block" | "versioning"): HostileCase => ({
    id: `hc-${rule}`,
    title: `a bucket without its ${missing} (its id unknown, as in a first preview)`,
    rule,
    hostile: bucketWith(`hc-${missing}-missing`, (["sse", "block", "versioning"] as const).filter((p) => p !== missing)),
    compliant: bucketWith(`hc-${missing}-complete`, ["sse", "block", "versioning"]),
    target: { kind: BUCKET, name: `hc-${missing}-missing` },
    manifest: false,
    outcome: "violation",
  });
  const CLUSTER = "aws:eks/cluster:Cluster";
  const secure = { vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: [SENTINEL] }, encryptionConfig: { resources: ["secrets"], provider: { keyArn: SENTINEL } }, enabledClusterLogTypes: ["api", "audit", "authenticator"], roleArn: SENTINEL };
  const clusterCase = (rule: string, name: string, patch: Record<string, unknown>): HostileCase => ({
    id: `hc-${rule}`,
    title: `an EKS cluster that breaks ${rule}`,
    rule,
    hostile: [cloud(CLUSTER, name, { name, ...secure, ...patch })],
    compliant: [cloud(CLUSTER, `${name}-ok`, { name: `${name}-ok`, ...secure })],
    target: { kind: CLUSTER, name },
    manifest: false,
    outcome: "violation",
  });
  const KEY = "aws:kms/key:Key";
  const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
  const RELEASE = "kubernetes:helm.sh/v3:Release";
  return [
    bucketCase("aws-bucket-encryption", "sse"),
    bucketCase("aws-bucket-public-access-block", "block"),
    bucketCase("aws-bucket-versioning", "versioning"),
    clusterCase("aws-eks-private-endpoint", "hc-public-endpoint", { vpcConfig: { endpointPublicAccess: true, subnetIds: [SENTINEL] } }),
    clusterCase("aws-eks-secrets-encryption", "hc-no-secrets-key", { encryptionConfig: undefined }),
    clusterCase("aws-eks-logging", "hc-no-audit-logs", { enabledClusterLogTypes: ["api"] }),
    {
      id: "hc-aws-kms-rotation",
      title: "a KMS key that does not rotate",
      rule: "aws-kms-rotation",
      hostile: [cloud(KEY, "hc-static-key", { description: "x" })],
      compliant: [cloud(KEY, "hc-rotating-key", { enableKeyRotation: true })],
      target: { kind: KEY, name: "hc-static-key" },
      manifest: false,
      outcome: "violation",
    },
    {
      id: "hc-aws-stateful-node-group-on-demand",
      title: "a node group of the stateful pool on spot",
      rule: "aws-stateful-node-group-on-demand",
      hostile: [cloud(NODE_GROUP, "hc-stateful-spot", { clusterName: SENTINEL, nodeRoleArn: SENTINEL, labels: { ...nodePools.stateful.nodeLabels }, capacityType: "SPOT" })],
      compliant: [cloud(NODE_GROUP, "hc-stateful-on-demand", { clusterName: SENTINEL, nodeRoleArn: SENTINEL, labels: { ...nodePools.stateful.nodeLabels }, capacityType: "ON_DEMAND" })],
      target: { kind: NODE_GROUP, name: "hc-stateful-spot" },
      manifest: false,
      outcome: "violation",
    },
    {
      id: "hc-helm",
      title: "a Helm release of a chart the allow-list does not name",
      rule: "supply-chain-helm-allowlist",
      hostile: [cloud(RELEASE, "hc-nginx", { name: "hc-nginx", namespace: "hc-helm", chart: "nginx", version: "1.0.0", repositoryOpts: { repo: "https://charts.example.com" } })],
      compliant: [cloud(RELEASE, "hc-velero", { name: "hc-velero", namespace: "hc-helm", chart: "velero", version: "12.1.0", repositoryOpts: { repo: "https://vmware-tanzu.github.io/helm-charts" } })],
      target: { kind: RELEASE, namespace: "hc-helm", name: "hc-nginx" },
      manifest: false,
      outcome: "violation",
    },
  ];
}

export interface Corpus {
  cases: HostileCase[];
  /** Namespaces and their default-deny policies the cases sit in (compliant by construction). */
  setup: KubernetesObjectLike[];
}

export function hostileCorpus(): Corpus {
  const matrix = podSecurityMatrix();
  const others = bypasses();
  return { cases: [...matrix.cases, ...others.cases, ...cloudCases()], setup: [...matrix.setup, ...others.setup] };
}
