import { VPC_PREFIX_RANGE } from "./subnets";
import { parseCidr } from "../../platform/cidr";
import { familyOf } from "../../platform/instance-types";
import { nodePoolNames, nodePools, type NodePool } from "../../platform/placement";
import { KUBERNETES_VERSION, MIN_KUBERNETES_VERSION } from "../../platform/versions";
import type { CheckContext } from "../../config/capability-config";
import { perTenantLayers, rawTenants, tenantCopyProblems } from "../../config/layers/tenancy-checks";
import { antiAffinityProblems, poolCapacityIssues } from "./pool-capacity-checks";
import { clusterProfileDefaults, type NodeGroupDefaults } from "./defaults";
import { AVAILABILITY_ZONE, KUBERNETES_MINOR } from "./schema";
import type { ConfigIssue } from "../../config/issues";
import { layerDemand, spotShare, sumRequests } from "../../config/layers/demand";
import type { Profile } from "../../config/profiles";
import { asArray, isInt, isObject, isString, type Raw } from "../../config/raw";

/**
 * Cluster checks that relate several keys, or a key and a default (min ≤ desired ≤ max against the
 * profile's sizes, a spot pool's diversification, a zone outside the region...). Like config/layers/checks.ts they read
 * the raw config defensively: a value of the wrong type is left to the schema's own issue.
 */

/** The smallest number of instance types a spot node group may have: one pool running dry must not empty it. */
export const MIN_SPOT_INSTANCE_TYPES = 3;

/** Who sizes the pools, as the raw config says (a malformed mode is the schema's to report: read as the default). */
export function autoscalingMode(cluster: Raw): "karpenter" | "none" {
  return isObject(cluster.autoscaling) && cluster.autoscaling.mode === "none" ? "none" : "karpenter";
}

function minor(version: string): number {
  return Number(version.split(".")[1]);
}

export function clusterMode(raw: Raw): "eks" | "existing" | undefined {
  const cluster = raw.cluster;
  if (cluster === undefined) return "eks";
  if (!isObject(cluster)) return undefined;
  if (cluster.mode === undefined || cluster.mode === "eks") return "eks";
  return cluster.mode === "existing" ? "existing" : undefined;
}

export function clusterIssues(context: CheckContext): ConfigIssue[] {
  const { raw, profile, layers } = context;
  const mode = clusterMode(raw);
  const cluster = isObject(raw.cluster) ? raw.cluster : {};
  if (mode === "existing") return existingIssues(cluster);
  if (mode !== "eks") return [];
  const rawLayers = layers.map((l) => (isObject(l) ? l : {}));
  const perTenant = perTenantLayers(rawLayers);
  const autoscaling = autoscalingMode(cluster);
  // With Karpenter the pools have no fixed node count: the karpenter capability checks them against its limits.
  const fixedPools =
    autoscaling === "none"
      ? [
          ...poolCapacityIssues(cluster, layers, raw.tenants, profile),
          // A tenant's copies pass the anti-affinity node count their layers pass.
          ...rawTenants(raw).flatMap((tenant) => tenantCopyProblems(tenant, rawLayers, perTenant, (layer) => antiAffinityProblems(cluster, layer, profile))),
        ]
      : [];
  return [
    ...versionIssues(cluster),
    ...zoneIssues(cluster, context),
    ...vpcIssues(cluster),
    ...endpointIssues(cluster, profile),
    ...duplicates(asArray(cluster.logTypes), "cluster.logTypes", (v) => (isString(v) ? v : undefined), "log type"),
    ...duplicates(
      asArray(cluster.accessEntries),
      "cluster.accessEntries",
      (e) => (isObject(e) && isString(e.principalArn) ? e.principalArn : undefined),
      "principal",
      ".principalArn",
    ),
    ...nodeGroupIssues(cluster, profile, autoscaling),
    ...bucketIssues(cluster),
    ...gpuLayerIssues(cluster, layers),
    ...fixedPools,
    ...spotShareIssues(cluster, context),
  ];
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** `spotShare.min`: the layers' spot share of requested CPU at baseline (resolved layers, tenant copies included) is at least it. */
function spotShareIssues(cluster: Raw, context: CheckContext): ConfigIssue[] {
  const min = isObject(cluster.spotShare) && typeof cluster.spotShare.min === "number" ? cluster.spotShare.min : undefined;
  if (min === undefined || !context.core) return [];
  const layers = context.core.spec.layers;
  const demand = layers.map(layerDemand);
  const cores = (cls: string) => sumRequests(demand.filter((d) => d.capacityClass === cls).map((d) => d.baseline)).cpu;
  const share = spotShare(layers).baseline ?? 0;
  if (share >= min) return [];
  return [
    {
      path: "cluster.spotShare.min",
      message:
        `the layers put ${percent(share)} of their requested CPU on spot at baseline (spot ${formatCores(cores("spot"))}, on-demand ${formatCores(cores("on-demand"))}, ` +
        `gpu ${formatCores(cores("gpu"))}, sidecars included), below the ${percent(min)} asked: move layers to capacityClass spot or lower the minimum`,
    },
  ];
}

function formatCores(cores: number): string {
  return `${Number(cores.toFixed(2))} vCPU`;
}

function duplicates(items: unknown[], at: string, key: (v: unknown) => string | undefined, what: string, suffix = ""): ConfigIssue[] {
  const first = new Map<string, number>();
  const issues: ConfigIssue[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    if (first.has(k)) issues.push({ path: `${at}[${i}]${suffix}`, message: `${what} "${k}" is listed twice (also ${at}[${first.get(k)}])` });
    else first.set(k, i);
  });
  return issues;
}

function versionIssues(cluster: Raw): ConfigIssue[] {
  const version = cluster.kubernetesVersion;
  if (!isString(version) || !KUBERNETES_MINOR.test(version)) return [];
  if (minor(version) < minor(MIN_KUBERNETES_VERSION) || minor(version) > minor(KUBERNETES_VERSION)) {
    return [{ path: "cluster.kubernetesVersion", message: `Kubernetes ${version} is not supported: Strata runs ${MIN_KUBERNETES_VERSION} to ${KUBERNETES_VERSION}` }];
  }
  return [];
}

const regionOfZone = (zone: string) => zone.slice(0, -1);

function zoneIssues(cluster: Raw, context: CheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const zones = cluster.availabilityZones;
  if (zones !== undefined && cluster.availabilityZoneCount !== undefined) {
    issues.push({ path: "cluster.availabilityZoneCount", message: "set either availabilityZones (the zones) or availabilityZoneCount (how many of the region's zones), not both" });
  }
  const names = asArray(zones);
  issues.push(...duplicates(names, "cluster.availabilityZones", (z) => (isString(z) ? z : undefined), "zone"));
  const wellFormed = names.map((z, i) => [z, i] as const).filter(([z]) => isString(z) && AVAILABILITY_ZONE.test(z)) as [string, number][];
  const region = context.awsRegion ?? (wellFormed.length ? regionOfZone(wellFormed[0][0]) : undefined);
  const source = context.awsRegion ? "aws:region" : `the region of ${wellFormed[0]?.[0]}`;
  for (const [zone, i] of wellFormed) {
    if (regionOfZone(zone) !== region) {
      issues.push({ path: `cluster.availabilityZones[${i}]`, message: `"${zone}" is not in region ${region} (${source}): a VPC spans one region` });
    }
  }
  return issues;
}

function vpcIssues(cluster: Raw): ConfigIssue[] {
  if (!isString(cluster.vpcCidr)) return [];
  const cidr = parseCidr(cluster.vpcCidr);
  if (!cidr) return [];
  if (cidr.prefix < VPC_PREFIX_RANGE.min || cidr.prefix > VPC_PREFIX_RANGE.max) {
    return [
      {
        path: "cluster.vpcCidr",
        message: `a /${cidr.prefix} VPC is not supported: use /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} (AWS allows /16 at most; each zone's private subnet takes an eighth, pods take their IPs from it)`,
      },
    ];
  }
  return [];
}

function endpointIssues(cluster: Raw, profile: Profile): ConfigIssue[] {
  const endpoint = isObject(cluster.endpoint) ? cluster.endpoint : {};
  const publicAccess = typeof endpoint.publicAccess === "boolean" ? endpoint.publicAccess : clusterProfileDefaults[profile].endpointPublicAccess;
  const cidrs = endpoint.publicAccessCidrs;
  const issues: ConfigIssue[] = [];
  if (!publicAccess && cidrs !== undefined) {
    const why = endpoint.publicAccess === false ? "publicAccess is false" : `the ${profile} profile's endpoint is private`;
    issues.push({ path: "cluster.endpoint.publicAccessCidrs", message: `has no effect: ${why} (set publicAccess: true to open the endpoint to these CIDRs)` });
  }
  if (profile === "prod" && publicAccess) {
    if (cidrs === undefined) {
      issues.push({ path: "cluster.endpoint.publicAccessCidrs", message: "a public endpoint in prod must be limited: list the CIDRs that may reach it" });
    }
    asArray(cidrs).forEach((cidr, i) => {
      if (isString(cidr) && parseCidr(cidr)?.prefix === 0) {
        issues.push({ path: `cluster.endpoint.publicAccessCidrs[${i}]`, message: `"${cidr}" opens the prod API endpoint to the whole internet: list the networks that need it` });
      }
    });
  }
  issues.push(...duplicates(asArray(cidrs), "cluster.endpoint.publicAccessCidrs", (c) => (isString(c) ? c : undefined), "CIDR"));
  return issues;
}

type SizeField = "minSize" | "desiredSize" | "maxSize";

function nodeGroupIssues(cluster: Raw, profile: Profile, autoscaling: "karpenter" | "none"): ConfigIssue[] {
  const groups = isObject(cluster.nodeGroups) ? cluster.nodeGroups : {};
  const issues: ConfigIssue[] = [];
  for (const pool of nodePoolNames) {
    const group = groups[pool];
    if (pool === "gpu" && !isObject(group)) continue;
    const raw = isObject(group) ? group : {};
    if (autoscaling === "karpenter" && pool !== "system") issues.push(...autoscaledPoolIssues(pool, raw));
    else issues.push(...poolIssues(pool, raw, clusterProfileDefaults[profile].nodeGroups[pool]));
  }
  return issues;
}

const SIZE_FIELDS: SizeField[] = ["minSize", "desiredSize", "maxSize"];

/**
 * A pool Karpenter provisions has no node count to set (it starts nodes for pending pods, up to the pool's
 * limits, and removes idle ones); its instance types, when listed, follow the node group rules (GPU types in
 * the gpu pool only) and are amd64: the NodePool asks for that architecture (the layers' images). How many a
 * spot pool needs is the karpenter capability's check, which also sees requirements instead of a list.
 */
function autoscaledPoolIssues(pool: NodePool, group: Raw): ConfigIssue[] {
  const at = `cluster.nodeGroups.${pool}`;
  const issues: ConfigIssue[] = SIZE_FIELDS.filter((f) => group[f] !== undefined).map((field) => ({
    path: `${at}.${field}`,
    message: `the ${pool} pool is Karpenter's (cluster.autoscaling.mode karpenter): it has no fixed size; bound it with karpenter.pools.${pool}.limits, or set cluster.autoscaling.mode: none for node groups of fixed size`,
  }));
  if (!Array.isArray(group.instanceTypes)) return issues;
  const types = group.instanceTypes as unknown[];
  issues.push(...duplicates(types, `${at}.instanceTypes`, (t) => (isString(t) ? t : undefined), "instance type"));
  types.forEach((type, i) => {
    const family = isString(type) ? familyOf(type) : undefined;
    if (!family) return;
    if (pool === "gpu" && !family.gpu) issues.push({ path: `${at}.instanceTypes[${i}]`, message: `"${type}" has no NVIDIA GPU: the gpu pool takes GPU instance types only` });
    if (pool !== "gpu" && family.gpu) issues.push({ path: `${at}.instanceTypes[${i}]`, message: `"${type}" is a GPU instance type: put GPU capacity in the gpu pool (tainted so only GPU workloads use it)` });
    if (family.architecture !== "x86_64") issues.push({ path: `${at}.instanceTypes[${i}]`, message: `"${type}" is ${family.architecture}: Karpenter's pools run x86_64 (amd64) nodes, the architecture the layers' images are built for` });
  });
  return issues;
}

function poolIssues(pool: NodePool, group: Raw, defaults: NodeGroupDefaults): ConfigIssue[] {
  const at = `cluster.nodeGroups.${pool}`;
  const issues: ConfigIssue[] = [];

  const explicitTypes = Array.isArray(group.instanceTypes);
  const types = explicitTypes ? (group.instanceTypes as unknown[]) : defaults.instanceTypes;
  if (explicitTypes) issues.push(...duplicates(types, `${at}.instanceTypes`, (t) => (isString(t) ? t : undefined), "instance type"));
  const known = types.map((t, i) => [t, i, isString(t) ? familyOf(t) : undefined] as const).filter(([, , f]) => f !== undefined);
  const architectures = new Map<string, string>();
  for (const [type, , family] of known) if (!architectures.has(family!.architecture)) architectures.set(family!.architecture, type as string);
  if (architectures.size > 1) {
    const mixed = [...architectures].map(([arch, type]) => `${arch} (${type})`).join(" and ");
    issues.push({ path: `${at}.instanceTypes`, message: `mixes ${mixed}: a node group runs one node image, so one CPU architecture` });
  }
  for (const [type, i, family] of known) {
    if (pool === "gpu" && !family!.gpu) {
      issues.push({ path: `${at}.instanceTypes[${i}]`, message: `"${type}" has no NVIDIA GPU: the gpu pool takes GPU instance types only` });
    }
    if (pool !== "gpu" && family!.gpu) {
      issues.push({ path: `${at}.instanceTypes[${i}]`, message: `"${type}" is a GPU instance type: put GPU capacity in the gpu pool (tainted so only GPU workloads use it)` });
    }
  }
  const spot = pool === "gpu" ? group.capacityType === "SPOT" : nodePools[pool].interruptible;
  if (spot && types.length < MIN_SPOT_INSTANCE_TYPES && types.length > 0) {
    issues.push({
      path: `${at}.instanceTypes`,
      message: `a spot node group needs at least ${MIN_SPOT_INSTANCE_TYPES} instance types (got ${types.length}): with one, a single spot pool running dry takes every node${explicitTypes ? "" : " (the list is the profile default: set instanceTypes)"}`,
    });
  }

  const size = (field: SizeField) => (isInt(group[field]) ? { value: group[field] as number, explicit: true } : { value: defaults[field], explicit: false });
  const label = (field: SizeField) => `${field} ${size(field).value}${size(field).explicit ? "" : " (profile default)"}`;
  const min = size("minSize");
  const desired = size("desiredSize");
  const max = size("maxSize");
  if (min.value > max.value) {
    const field: SizeField = min.explicit || !max.explicit ? "minSize" : "maxSize";
    issues.push({ path: `${at}.${field}`, message: `${label("minSize")} is above ${label("maxSize")}` });
  } else if (desired.value < min.value || desired.value > max.value) {
    const field: SizeField = desired.explicit ? "desiredSize" : desired.value < min.value ? "minSize" : "maxSize";
    issues.push({ path: `${at}.${field}`, message: `${label("desiredSize")} is outside [${label("minSize")}, ${label("maxSize")}]` });
  }
  if (pool === "system" && min.value < 1) {
    issues.push({ path: `${at}.minSize`, message: "the system pool needs at least one node: CoreDNS and the EBS CSI controller run there" });
  }
  return issues;
}

const INFREQUENT_ACCESS = new Set(["STANDARD_IA", "ONEZONE_IA"]);

function bucketIssues(cluster: Raw): ConfigIssue[] {
  const buckets = isObject(cluster.buckets) ? cluster.buckets : {};
  const issues: ConfigIssue[] = [];
  for (const [purpose, settings] of Object.entries(buckets)) {
    if (!isObject(settings)) continue;
    const at = `cluster.buckets.${purpose}.lifecycleRules`;
    const rules = asArray(settings.lifecycleRules);
    issues.push(...duplicates(rules, at, (r) => (isObject(r) && isString(r.id) ? r.id : undefined), "rule id", ".id"));
    rules.forEach((rule, i) => {
      if (!isObject(rule)) return;
      const transitions = asArray(rule.transitions);
      transitions.forEach((t, j) => {
        if (isObject(t) && isInt(t.days) && isString(t.storageClass) && INFREQUENT_ACCESS.has(t.storageClass) && t.days < 30) {
          issues.push({ path: `${at}[${i}].transitions[${j}].days`, message: `S3 moves objects to ${t.storageClass} after 30 days at the earliest (got ${t.days})` });
        }
      });
      const lastTransition = Math.max(-1, ...transitions.map((t) => (isObject(t) && isInt(t.days) ? t.days : -1)));
      if (isInt(rule.expirationDays) && lastTransition >= rule.expirationDays) {
        issues.push({ path: `${at}[${i}].expirationDays`, message: `objects expire after ${rule.expirationDays} days, before or when they transition (day ${lastTransition})` });
      }
    });
  }
  return issues;
}

function gpuLayerIssues(cluster: Raw, layers: unknown[]): ConfigIssue[] {
  const groups = isObject(cluster.nodeGroups) ? cluster.nodeGroups : {};
  if (groups.gpu !== undefined) return [];
  const issues: ConfigIssue[] = [];
  layers.forEach((layer, i) => {
    if (isObject(layer) && layer.capacityClass === "gpu") {
      issues.push({ path: `layers[${i}].capacityClass`, message: "the cluster has no gpu node group: add cluster.nodeGroups.gpu (`gpu: {}` takes the defaults)" });
    }
  });
  return issues;
}

function existingIssues(cluster: Raw): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (cluster.kubeconfig === undefined && cluster.context === undefined) {
    issues.push({
      path: "cluster.kubeconfig",
      message: "an existing cluster needs a kubeconfig (its contents, set as a secret) or a context of the ambient kubeconfig",
    });
  }
  const arn = cluster.oidcProviderArn;
  const url = cluster.oidcProviderUrl;
  if (isString(arn) && isString(url) && arn.includes(":oidc-provider/") && url.startsWith("https://")) {
    const fromArn = arn.slice(arn.indexOf(":oidc-provider/") + ":oidc-provider/".length);
    const fromUrl = url.slice("https://".length).replace(/\/$/, "");
    if (fromArn !== fromUrl) {
      issues.push({ path: "cluster.oidcProviderUrl", message: `does not match oidcProviderArn: the provider ARN names ${fromArn}, the URL ${fromUrl}` });
    }
  }
  return issues;
}

