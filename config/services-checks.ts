import { parseGoDuration, parsePrometheusDuration } from "../platform/duration";
import { clusterMode, type ValidationContext } from "../capabilities/cluster/checks";
import type { ConfigIssue } from "./issues";
import { layersOf } from "./raw";
import { PROMETHEUS_BLOCK_DURATION, prodMinimums } from "./services-defaults";

/**
 * Checks of the mesh, backup and observability sections that relate several keys or depend on the profile
 * and the cluster mode. Like the other checks they read the raw config defensively: a value of the wrong
 * type is left to the schema's own issue, and every problem is reported in one pass.
 */

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isInteger(v);
const isString = (v: unknown): v is string => typeof v === "string";
const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

export function servicesIssues(raw: unknown, defaultLayers: unknown[], context: ValidationContext): ConfigIssue[] {
  if (!isObject(raw)) return [];
  const prod = raw.profile === "prod";
  const mode = clusterMode(raw);
  const layerNames = layersOf(raw, defaultLayers).filter(isObject).map((l) => l.name).filter(isString);
  return [
    ...meshIssues(section(raw, "mesh"), prod, layerNames),
    ...backupIssues(section(raw, "backup"), mode, context),
    ...observabilityIssues(section(raw, "observability"), prod, mode, context),
  ];
}

function minimum(path: string, value: unknown, min: number, what: string): ConfigIssue[] {
  return isInt(value) && value < min ? [{ path, message: `prod runs at least ${min} ${what} (got ${value})` }] : [];
}

function meshIssues(mesh: Raw, prod: boolean, layerNames: string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (prod && mesh.mtls === "PERMISSIVE") {
    issues.push({ path: "mesh.mtls", message: "prod requires STRICT mTLS: PERMISSIVE accepts plain-text traffic into the mesh (dev only)" });
  }
  issues.push(...(prod ? minimum("mesh.istiod.replicas", section(mesh, "istiod").replicas, prodMinimums.istiodReplicas, "istiod replicas") : []));
  const gateway = section(mesh, "gateway");
  if (prod && gateway.scheme === "internet-facing") {
    issues.push({ path: "mesh.gateway.scheme", message: "prod's gateway load balancer is internal: put a CDN, WAF or VPN in front of it, not the internet" });
  }
  if (isString(gateway.edgeLayer) && !layerNames.includes(gateway.edgeLayer)) {
    issues.push({ path: "mesh.gateway.edgeLayer", message: `"${gateway.edgeLayer}" is not a layer; layers are: ${layerNames.join(", ")}` });
  }
  const timeout = isString(gateway.timeout) ? parseGoDuration(gateway.timeout) : undefined;
  const retries = section(gateway, "retries");
  const perTry = isString(retries.perTryTimeout) ? parseGoDuration(retries.perTryTimeout) : undefined;
  if (timeout !== undefined && perTry !== undefined && perTry > timeout) {
    issues.push({ path: "mesh.gateway.retries.perTryTimeout", message: `${retries.perTryTimeout} exceeds the request timeout ${gateway.timeout}: no retry could ever run` });
  }
  return issues;
}

function roleIssues(path: string, value: unknown, mode: string | undefined, what: string): ConfigIssue[] {
  if (mode === "existing" && value === undefined) {
    return [{ path, message: `an existing cluster gets no AWS resources from Strata: name the IAM role${what}` }];
  }
  if (mode === "eks" && value !== undefined) return [{ path, message: "in EKS mode Strata makes this role itself (IRSA); it is for existing clusters" }];
  return [];
}

function regionIssues(path: string, value: unknown, mode: string | undefined, context: ValidationContext): ConfigIssue[] {
  if (mode === "existing" && value === undefined && context.awsRegion === undefined) {
    return [{ path, message: "the bucket's region is needed for an existing cluster: set it here or set aws:region" }];
  }
  return [];
}

function backupIssues(backup: Raw, mode: string | undefined, context: ValidationContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(backup.schedules) ? backup.schedules : []).forEach((schedule, i) => {
    if (!isObject(schedule) || !isString(schedule.name)) return;
    if (seen.has(schedule.name)) issues.push({ path: `backup.schedules[${i}].name`, message: `duplicate schedule name "${schedule.name}" (also backup.schedules[${seen.get(schedule.name)}])` });
    else seen.set(schedule.name, i);
  });
  issues.push(...roleIssues("backup.roleArn", backup.roleArn, mode, " Velero assumes (trusting the velero namespace's velero service account)"));
  issues.push(...regionIssues("backup.region", backup.region, mode, context));
  return issues;
}

function notShorterThanBlocks(path: string, value: unknown): ConfigIssue[] {
  const seconds = isString(value) ? parsePrometheusDuration(value) : undefined;
  const block = parsePrometheusDuration(PROMETHEUS_BLOCK_DURATION)!;
  if (seconds === undefined || seconds <= 0 || seconds >= block) return [];
  return [{ path, message: `${value} is shorter than the TSDB block duration ${PROMETHEUS_BLOCK_DURATION}: blocks would be deleted before they are uploaded or compacted` }];
}

function observabilityIssues(observability: Raw, prod: boolean, mode: string | undefined, context: ValidationContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const prometheus = section(observability, "prometheus");
  const thanos = section(observability, "thanos");
  issues.push(...notShorterThanBlocks("observability.prometheus.retention", prometheus.retention));
  const retention = section(thanos, "retention");
  for (const key of ["raw", "fiveMinutes", "oneHour"]) issues.push(...notShorterThanBlocks(`observability.thanos.retention.${key}`, retention[key]));
  if (prod) {
    issues.push(...minimum("observability.prometheus.replicas", prometheus.replicas, prodMinimums.prometheusReplicas, "Prometheus replicas"));
    issues.push(...minimum("observability.alertmanager.replicas", section(observability, "alertmanager").replicas, prodMinimums.alertmanagerReplicas, "Alertmanager replicas"));
    issues.push(...minimum("observability.thanos.query.replicas", section(thanos, "query").replicas, prodMinimums.thanosQueryReplicas, "Thanos query replicas"));
  }
  issues.push(...roleIssues("observability.thanos.roleArns", thanos.roleArns, mode, "s the Thanos sidecar, store gateway and compactor assume (sidecar, storeGateway, compactor)"));
  issues.push(...regionIssues("observability.thanos.region", thanos.region, mode, context));
  return issues;
}
