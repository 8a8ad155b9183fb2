import { bucketPurposes } from "../../platform/buckets";
import { nodePoolNames, nodePools, type NodePool } from "../../platform/placement";
import { KUBERNETES_VERSION } from "../../platform/versions";
import { clusterDefaults, clusterProfileDefaults } from "./defaults";
import type { ClusterConfig, EksClusterConfig } from "./schema";
import type { AutoscaledPoolSpec, ClusterAutoscalingSpec, ClusterSpec, EksClusterSpec, LifecycleRuleSpec, NodeGroupSpec } from "./spec";
import type { Profile } from "../../config/profiles";

/** Applies the cluster's (profile) defaults to validated config. */
export function resolveClusterSpec(config: ClusterConfig | undefined, profile: Profile): ClusterSpec {
  if (config?.mode === "existing") {
    return {
      mode: "existing",
      name: config.name,
      ...(config.kubeconfig !== undefined ? { kubeconfig: config.kubeconfig } : {}),
      ...(config.context !== undefined ? { context: config.context } : {}),
      oidcProvider: { arn: config.oidcProviderArn, url: config.oidcProviderUrl },
      vpcCidr: config.vpcCidr,
      buckets: { ...config.buckets },
    };
  }
  return resolveEks(config ?? {}, profile);
}

function resolveEks(config: EksClusterConfig, profile: Profile): EksClusterSpec {
  const defaults = clusterProfileDefaults[profile];
  const publicAccess = config.endpoint?.publicAccess ?? defaults.endpointPublicAccess;
  const mode = config.autoscaling?.mode ?? clusterDefaults.autoscalingMode;
  return {
    mode: "eks",
    ...(config.name !== undefined ? { name: config.name } : {}),
    kubernetesVersion: config.kubernetesVersion ?? KUBERNETES_VERSION,
    availabilityZones: config.availabilityZones
      ? { names: [...config.availabilityZones] }
      : { count: config.availabilityZoneCount ?? clusterDefaults.availabilityZoneCount },
    vpcCidr: config.vpcCidr ?? clusterDefaults.vpcCidr,
    natGateways: config.natGateways ?? defaults.natGateways,
    endpoint: {
      publicAccess,
      publicAccessCidrs: publicAccess ? [...(config.endpoint?.publicAccessCidrs ?? defaults.publicAccessCidrs)] : [],
    },
    logTypes: [...(config.logTypes ?? defaults.logTypes)],
    logRetentionDays: config.logRetentionDays ?? defaults.logRetentionDays,
    accessEntries: (config.accessEntries ?? []).map((e) => ({ principalArn: e.principalArn, accessPolicy: e.accessPolicy, namespaces: e.namespaces ?? [] })),
    nodeGroups: nodePoolNames.filter((pool) => mode === "none" || pool === "system").flatMap((pool) => resolveNodeGroup(pool, config, profile)),
    autoscaling: resolveAutoscaling(mode, config, profile),
    ...(config.spotShare ? { spotShare: { min: config.spotShare.min } } : {}),
    addonVersions: { ...config.addonVersions },
    buckets: bucketPurposes.map((purpose) => {
      const settings = config.buckets?.[purpose];
      return {
        purpose,
        forceDestroy: settings?.forceDestroy ?? defaults.bucketForceDestroy,
        lifecycleRules: settings?.lifecycleRules?.map(resolveRule) ?? structuredClone(defaults.bucketLifecycleRules[purpose]),
      };
    }),
    storage: { volumeReclaimPolicy: defaults.volumeReclaimPolicy },
  };
}

function capacityTypeOf(pool: NodePool, config: EksClusterConfig): "SPOT" | "ON_DEMAND" {
  if (pool === "gpu") return config.nodeGroups?.gpu?.capacityType ?? clusterDefaults.gpuCapacityType;
  return nodePools[pool].interruptible ? "SPOT" : "ON_DEMAND";
}

/** With Karpenter, every pool but system is one it provisions (gpu only when configured): the node group config's instance types, capacity type and disk. */
function resolveAutoscaling(mode: "karpenter" | "none", config: EksClusterConfig, profile: Profile): ClusterAutoscalingSpec {
  if (mode === "none") return { mode };
  const pools = nodePoolNames.flatMap((pool): AutoscaledPoolSpec[] => {
    const group = config.nodeGroups?.[pool];
    if (pool === "system" || (pool === "gpu" && group === undefined)) return [];
    return [
      {
        pool,
        ...(group?.instanceTypes ? { instanceTypes: [...group.instanceTypes] } : {}),
        capacityType: capacityTypeOf(pool, config),
        diskSizeGiB: group?.diskSizeGiB ?? clusterProfileDefaults[profile].nodeGroups[pool].diskSizeGiB,
      },
    ];
  });
  return { mode, pools };
}

function resolveNodeGroup(pool: NodePool, config: EksClusterConfig, profile: Profile): NodeGroupSpec[] {
  const group = config.nodeGroups?.[pool];
  if (pool === "gpu" && group === undefined) return [];
  const defaults = clusterProfileDefaults[profile].nodeGroups[pool];
  const capacityType = capacityTypeOf(pool, config);
  return [
    {
      pool,
      instanceTypes: [...(group?.instanceTypes ?? defaults.instanceTypes)],
      capacityType,
      minSize: group?.minSize ?? defaults.minSize,
      desiredSize: group?.desiredSize ?? defaults.desiredSize,
      maxSize: group?.maxSize ?? defaults.maxSize,
      diskSizeGiB: group?.diskSizeGiB ?? defaults.diskSizeGiB,
      perZone: pool === "stateful",
    },
  ];
}

type RuleConfig = NonNullable<NonNullable<NonNullable<EksClusterConfig["buckets"]>["backups"]>["lifecycleRules"]>[number];

function resolveRule(rule: RuleConfig): LifecycleRuleSpec {
  const { enabled, ...rest } = rule;
  return { ...structuredClone(rest), enabled: enabled ?? true };
}

/**
 * The cluster name when the config sets none: `<project>-<stack>`, made a valid Strata cluster name
 * (lower-case letters, digits and '-', starting with a letter, at most 40 characters).
 */
export function defaultClusterName(project: string, stack: string): string {
  const name = `${project}-${stack}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return name || "strata";
}
