/**
 * Namespaces other capabilities address (monitoring scrapes everyone; the gateway calls the edge layer; every
 * sidecar reaches istiod in the mesh's root; every pod asks DNS; the node exporter is left out of the mesh).
 * A namespace only its own capability addresses is defined in its folder.
 */
export const platformNamespaces = {
  /** Prometheus, Thanos, Grafana: scrapes application and data pods. */
  monitoring: "monitoring",
  /** Cluster DNS (CoreDNS on EKS). */
  dns: "kube-system",
  /**
   * The Istio ingress gateway: the only namespace that may own a LoadBalancer Service or admit traffic from
   * anywhere (the mesh layer deploys the gateway here; the network policies allow it).
   */
  gateway: "istio-ingress",
  /** Istio's root namespace: a PeerAuthentication or AuthorizationPolicy here without a selector is mesh-wide. */
  meshRoot: "istio-system",
  /** The Prometheus node exporter: host access, so its own namespace (an explicit Pod Security exemption). */
  nodeExporter: "node-exporter",
} as const;

/** Namespaces Kubernetes itself owns: no layer may take their name. */
export const kubernetesNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** CoreDNS pods carry this label on EKS and upstream Kubernetes alike. */
export const dnsPodLabels = { "k8s-app": "kube-dns" } as const;
export const DNS_PORT = 53;
