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
  /** The Istio CNI node agent: host access, so its own namespace (an explicit Pod Security exemption). */
  meshCni: "istio-cni",
  /** Velero: cluster backups to S3. */
  backup: "velero",
  /** The Prometheus node exporter: host access, so its own namespace (an explicit Pod Security exemption). */
  nodeExporter: "node-exporter",
  /** The NVIDIA device plugin on the GPU nodes: host access, so its own namespace (an explicit Pod Security exemption). */
  nvidiaDevicePlugin: "nvidia-device-plugin",
} as const;

/** Namespaces Kubernetes itself owns: no layer may take their name. */
export const kubernetesNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** CoreDNS pods carry this label on EKS and upstream Kubernetes alike. */
export const dnsPodLabels = { "k8s-app": "kube-dns" } as const;
export const DNS_PORT = 53;
