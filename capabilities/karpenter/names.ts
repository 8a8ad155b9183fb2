import { layerLabels } from "../../platform/labels";

/** Karpenter's namespace, release and service account (what its IRSA role trusts). */
export const KARPENTER_NAMESPACE = "karpenter";
export const KARPENTER_RELEASE = "karpenter";
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";
/** The IRSA role its controller assumes, by the name stack config gives its ARN (`gitops.roleArns.karpenter`). */
export const KARPENTER_ROLE = "karpenter";
/** The API groups of its custom resources. */
export const KARPENTER_GROUP = "karpenter.sh";
export const KARPENTER_AWS_GROUP = "karpenter.k8s.aws";

export const karpenterLabels = layerLabels("karpenter");
