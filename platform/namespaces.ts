/**
 * Namespaces of the platform's shared services. Application layers' network rules and the service layers
 * themselves both read them from here.
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
} as const;

/** Namespaces Kubernetes itself owns: no layer may take their name. */
export const kubernetesNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** CoreDNS pods carry this label on EKS and upstream Kubernetes alike. */
export const dnsPodLabels = { "k8s-app": "kube-dns" } as const;
export const DNS_PORT = 53;
