/** The AWS Load Balancer Controller: its own namespace (default-deny), release and service account. */
export const EDGE_NAMESPACE = "aws-load-balancer-controller";
export const LOAD_BALANCER_CONTROLLER_RELEASE = "aws-load-balancer-controller";
/** The controller's service account: what its IRSA role trusts. */
export const LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT = "aws-load-balancer-controller";
/** The IRSA role, by the name stack config gives its ARN (`gitops.roleArns.aws-load-balancer-controller`). */
export const LOAD_BALANCER_CONTROLLER_ROLE = "aws-load-balancer-controller";
/** The labels the chart puts on the controller's pods. */
export const LOAD_BALANCER_CONTROLLER_POD_LABELS = { "app.kubernetes.io/name": "aws-load-balancer-controller" } as const;

export const loadBalancerControllerPorts = {
  /** The Ingress validation and pod readiness-gate webhooks (the chart's `webhookBindPort` default). */
  webhook: 9443,
  /** Prometheus metrics. */
  metrics: 8080,
} as const;

/** The IngressClass the chart creates and the ALB's Ingress names. */
export const ALB_INGRESS_CLASS = "alb";
/** The Ingress in front of the gateway (ALB). */
export const EDGE_INGRESS = "edge";
/** The `loadBalancerClass` the controller serves for NLBs: the in-tree cloud provider leaves such a Service alone. */
export const NLB_LOAD_BALANCER_CLASS = "service.k8s.aws/nlb";
