import type { ChartPin } from "../../platform/pins";

/**
 * Karpenter 1.14.1 (aws/karpenter-provider-aws v1.14.1; ../shared/crds/SOURCES.md): the chart from its OCI
 * registry. Its CRDs (karpenter.sh/v1 NodePool and NodeClaim, karpenter.k8s.aws/v1 EC2NodeClass) come with it.
 */
export const karpenterPin = { repo: "oci://public.ecr.aws/karpenter", name: "karpenter", version: "1.14.1" } as const satisfies ChartPin;

/**
 * The controller image by tag and digest: the release stamps them into the published chart (the tag's
 * values.yaml still reads 1.13.0); Strata sets them itself, so the pin does not rest on that step.
 */
export const karpenterImages = {
  controller: "public.ecr.aws/karpenter/controller:1.14.1@sha256:723130949e4cab989461ff07d1be4cd781d63515432494641b33c235f300ae23",
} as const;

/**
 * The node image: the EKS-optimized Amazon Linux 2023 release v20260714 (awslabs/amazon-eks-ami), by
 * Karpenter's alias, which picks the standard or NVIDIA variant per instance type. Pinned, so nodes change
 * image only when this does (a drift Karpenter rolls within the pools' disruption budgets); `latest` would
 * roll every node on each AMI release.
 */
export const NODE_IMAGE_ALIAS = "al2023@v20260714";
