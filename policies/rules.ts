import { awsBucketEncryption } from "./aws/bucket-encryption";
import { awsBucketPublicAccessBlock } from "./aws/bucket-public-access-block";
import { awsBucketVersioning } from "./aws/bucket-versioning";
import { awsEc2NodeClassHardening } from "./aws/ec2-node-class-hardening";
import { awsEksLogging } from "./aws/eks-logging";
import { awsEksPrivateEndpoint } from "./aws/eks-private-endpoint";
import { awsEksSecretsEncryption } from "./aws/eks-secrets-encryption";
import { awsKmsRotation } from "./aws/kms-rotation";
import { awsStatefulNodeGroupOnDemand } from "./aws/stateful-node-group-on-demand";
import type { PolicyRule } from "./engine/rule";
import { meshAuthorizationPolicy } from "./mesh/authorization-policy";
import { meshEgressDeclared } from "./mesh/egress-declared";
import { meshNoMtlsDowngrade } from "./mesh/no-mtls-downgrade";
import { meshStrictMtls } from "./mesh/strict-mtls";
import { networkDefaultDeny } from "./network/default-deny";
import { podSecurityKnownKinds } from "./pod-security/known-kinds";
import { namespaceRestrictedPodSecurity } from "./pod-security/namespace-restricted";
import { networkNoExternalIps } from "./network/no-external-ips";
import { networkNoExternalName } from "./network/no-external-name";
import { networkPublicAlbWaf } from "./network/public-alb-waf";
import { networkPublicCertificateIssuer } from "./network/public-certificate-issuer";
import { networkPublicEdgeTls } from "./network/public-edge-tls";
import { persistentVolumeNoHostPath } from "./pod-security/persistent-volume-host-path";
import { rbacNoClusterAdmin } from "./rbac/no-cluster-admin";
import { networkServiceExposure } from "./network/service-exposure";
import { networkNoWideOpenAllow } from "./network/wide-open-allow";
import { placementNodePoolLimits } from "./placement/node-pool-limits";
import { placementSpotResilience } from "./placement/spot-resilience";
import { placementStatefulNeverSpot } from "./placement/stateful-never-spot";
import { POD_SECURITY_STACK_RULES } from "./pod-security/stack-rules";
import { supplyChainContainerResources } from "./supply-chain/container-resources";
import { supplyChainHelmAllowlist } from "./supply-chain/helm-allowlist";
import { supplyChainPinnedImages } from "./supply-chain/pinned-images";

/**
 * Every rule of the pack, by family, in the order reports and docs/policies.md list them. Names are stable: pack
 * config, exemptions and CI logs refer to them.
 */
export const POLICY_RULES: readonly PolicyRule[] = [
  ...POD_SECURITY_STACK_RULES,
  podSecurityKnownKinds,
  namespaceRestrictedPodSecurity,
  persistentVolumeNoHostPath,
  networkDefaultDeny,
  networkNoWideOpenAllow,
  networkServiceExposure,
  networkPublicEdgeTls,
  networkPublicAlbWaf,
  networkPublicCertificateIssuer,
  networkNoExternalIps,
  networkNoExternalName,
  meshStrictMtls,
  meshNoMtlsDowngrade,
  meshAuthorizationPolicy,
  meshEgressDeclared,
  rbacNoClusterAdmin,
  placementStatefulNeverSpot,
  placementSpotResilience,
  placementNodePoolLimits,
  supplyChainPinnedImages,
  supplyChainContainerResources,
  supplyChainHelmAllowlist,
  awsBucketEncryption,
  awsBucketPublicAccessBlock,
  awsBucketVersioning,
  awsEksPrivateEndpoint,
  awsEksSecretsEncryption,
  awsEksLogging,
  awsKmsRotation,
  awsStatefulNodeGroupOnDemand,
  awsEc2NodeClassHardening,
];

export function ruleNamed(name: string): PolicyRule | undefined {
  return POLICY_RULES.find((r) => r.name === name);
}
