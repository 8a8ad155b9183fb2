import type { ChartPin } from "../../platform/pins";

/**
 * The AWS Load Balancer Controller: chart 3.5.0 (app v3.5.0) from the EKS charts repository, the same chart
 * as kubernetes-sigs/aws-load-balancer-controller v3.5.0 (../shared/crds/SOURCES.md).
 */
export const LOAD_BALANCER_CONTROLLER_VERSION = "v3.5.0";

export const loadBalancerControllerPin = { repo: "https://aws.github.io/eks-charts", name: "aws-load-balancer-controller", version: "3.5.0" } as const satisfies ChartPin;

/** The controller's image, pinned to the release (the chart's own default is the same tag). */
export const loadBalancerControllerImage = { repository: "public.ecr.aws/eks/aws-load-balancer-controller", tag: LOAD_BALANCER_CONTROLLER_VERSION } as const;
