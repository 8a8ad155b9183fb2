import { bucketPurposes } from "../../platform/buckets";
import { nodePoolNames, nodePools, type NodePool } from "../../platform/placement";
import { KUBERNETES_VERSION } from "../../platform/versions";
import { clusterDefaults, clusterProfileDefaults } from "./defaults";
import type { ClusterConfig, EksClusterConfig } from "./schema";
import type { ClusterSpec, EksClusterSpec, LifecycleRuleSpec, NodeGroupSpec } from "./spec";
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
    nodeGroups: nodePoolNames.flatMap((pool) => resolveNodeGroup(pool, config, profile)),
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

function resolveNodeGroup(pool: NodePool, config: EksClusterConfig, profile: Profile): NodeGroupSpec[] {
  const group = config.nodeGroups?.[pool];
  if (pool === "gpu" && group === undefined) return [];
  const defaults = clusterProfileDefaults[profile].nodeGroups[pool];
  const capacityType =
    pool === "gpu"
      ? (config.nodeGroups?.gpu?.capacityType ?? clusterDefaults.gpuCapacityType)
      : nodePools[pool].interruptible
        ? "SPOT"
        : "ON_DEMAND";
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
