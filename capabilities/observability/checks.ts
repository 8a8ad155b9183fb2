import type { CheckContext } from "../../config/capability-config";
import { regionIssues, roleIssues } from "../../config/existing-cluster-checks";
import { prodMinimum } from "../../config/profiles";
import type { ConfigIssue } from "../../config/issues";
import { isObject, isString, type Raw } from "../../config/raw";
import { parsePrometheusDuration } from "../../platform/duration";
import { cluster, clusterMode } from "../cluster";
import { observabilityProdMinimums, PROMETHEUS_BLOCK_DURATION } from "./defaults";

/**
 * The observability stack's checks: retention no shorter than a TSDB block, HA in prod, an existing
 * cluster names the Thanos roles and the bucket's region. Raw config, read defensively.
 */

const section = (raw: Raw, key: string): Raw => (isObject(raw[key]) ? (raw[key] as Raw) : {});

export function observabilityIssues(context: CheckContext): ConfigIssue[] {
  return observabilitySectionIssues(section(context.raw, "observability"), context.profile === "prod", context.resolved.of(cluster)?.mode ?? clusterMode(context.raw), context.awsRegion);
}

function notShorterThanBlocks(path: string, value: unknown): ConfigIssue[] {
  const seconds = isString(value) ? parsePrometheusDuration(value) : undefined;
  const block = parsePrometheusDuration(PROMETHEUS_BLOCK_DURATION)!;
  if (seconds === undefined || seconds <= 0 || seconds >= block) return [];
  return [{ path, message: `${value} is shorter than the TSDB block duration ${PROMETHEUS_BLOCK_DURATION}: blocks would be deleted before they are uploaded or compacted` }];
}

function observabilitySectionIssues(observability: Raw, prod: boolean, mode: string | undefined, awsRegion: string | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const prometheus = section(observability, "prometheus");
  const thanos = section(observability, "thanos");
  issues.push(...notShorterThanBlocks("observability.prometheus.retention", prometheus.retention));
  const retention = section(thanos, "retention");
  for (const key of ["raw", "fiveMinutes", "oneHour"]) issues.push(...notShorterThanBlocks(`observability.thanos.retention.${key}`, retention[key]));
  if (prod) {
    issues.push(...prodMinimum("observability.prometheus.replicas", prometheus.replicas, observabilityProdMinimums.prometheusReplicas, "Prometheus replicas"));
    issues.push(...prodMinimum("observability.alertmanager.replicas", section(observability, "alertmanager").replicas, observabilityProdMinimums.alertmanagerReplicas, "Alertmanager replicas"));
    issues.push(...prodMinimum("observability.thanos.query.replicas", section(thanos, "query").replicas, observabilityProdMinimums.thanosQueryReplicas, "Thanos query replicas"));
  }
  issues.push(...roleIssues("observability.thanos.roleArns", thanos.roleArns, mode, "s the Thanos sidecar, store gateway and compactor assume (sidecar, storeGateway, compactor)"));
  issues.push(...regionIssues("observability.thanos.region", thanos.region, mode, awsRegion));
  return issues;
}
