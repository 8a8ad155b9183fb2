import { dataServiceTraffic } from "../../platform/data-services";
import { redisOperatorPin, REDIS_OPERATOR_IMAGE_TAG } from "./pins";
import { NON_ROOT_ID, restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { operatorPlacement } from "../../manifests/data/placement";
import { REDIS_NAMESPACE } from "./names";

/**
 * The OpsTree redis-operator release: watches the redis namespace only, on the system pool, pinned image,
 * resources set, restricted security contexts (the chart's default is none), no webhook (nothing calls into
 * the operator namespace). Value keys: ../shared/chart-reference/redis-operator.
 */
export function redisOperatorChart(): HelmChartSpec {
  const { nodeSelector, tolerations, affinity } = operatorPlacement();
  return {
    ...redisOperatorPin,
    releaseName: "redis-operator",
    namespace: dataServiceTraffic.redis.operatorNamespace,
    includeCRDs: true,
    values: {
      redisOperator: {
        imageTag: REDIS_OPERATOR_IMAGE_TAG,
        initContainerImageTag: REDIS_OPERATOR_IMAGE_TAG,
        imagePullPolicy: "IfNotPresent",
        watchNamespace: REDIS_NAMESPACE,
        webhook: false,
        metrics: { enabled: true, bindAddress: `:${dataServiceTraffic.redis.operatorMetricsPort}` },
      },
      replicas: 1,
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
      nodeSelector,
      tolerations,
      affinity,
      podSecurityContext: { ...restrictedPodSecurityContext(), runAsUser: NON_ROOT_ID, runAsGroup: NON_ROOT_ID },
      securityContext: restrictedContainerSecurityContext(),
    },
  };
}
