import type { Profile } from "../../config/profiles";
import { dataServiceTraffic } from "../../platform/data-services";
import { pgoPin } from "./pins";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { operatorPlacement } from "../../manifests/data/placement";

/**
 * PGO's release, on the system pool (the chart takes affinity and tolerations, not a nodeSelector), with
 * resources set and leader election for its replicas. The chart's container security context is already
 * restricted (non-root, no escalation, read-only root, drop ALL, RuntimeDefault) and has no value to change
 * it. PGO watches every namespace (its chart's default); only the postgres namespace holds a cluster.
 * Value keys: ../shared/chart-reference/pgo.
 */
export function pgoOperatorChart(profile: Profile): HelmChartSpec {
  const { tolerations, affinity } = operatorPlacement();
  return {
    ...pgoPin,
    releaseName: "pgo",
    namespace: dataServiceTraffic.postgres.operatorNamespace,
    includeCRDs: true,
    values: {
      replicas: profile === "prod" ? 2 : 1,
      pgoControllerLeaseName: "cpk-leader-election-lease",
      singleNamespace: false,
      debug: false,
      tolerations,
      affinity,
      resources: { controller: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } } },
    },
  };
}
