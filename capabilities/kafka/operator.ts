import type { Profile } from "../../config/profiles";
import { dataServiceTraffic } from "../../platform/data-services";
import { strimziPin } from "./pins";
import { restrictedContainerSecurityContext } from "../../manifests/security-context";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { operatorPlacement } from "../../manifests/data/placement";
import { KAFKA_NAMESPACE } from "./names";

/**
 * The Strimzi cluster operator's release: watches the kafka namespace only, on the system pool, with set
 * resources and the restricted security context; operands get Strimzi's `restricted` pod security
 * provider (so every Kafka pod meets the restricted profile); Strata writes the network policies itself,
 * so Strimzi generates none (one definition of the rules). Value keys: ../shared/chart-reference/strimzi-kafka-operator.
 */
export function strimziOperatorChart(profile: Profile): HelmChartSpec {
  const { nodeSelector, tolerations, affinity } = operatorPlacement();
  const replicas = profile === "prod" ? 2 : 1;
  return {
    ...strimziPin,
    releaseName: "strimzi",
    namespace: dataServiceTraffic.kafka.operatorNamespace,
    includeCRDs: true,
    values: {
      replicas,
      watchNamespaces: [KAFKA_NAMESPACE],
      watchAnyNamespace: false,
      leaderElection: { enable: true },
      nodeSelector,
      tolerations,
      affinity,
      resources: { requests: { cpu: "200m", memory: "384Mi" }, limits: { memory: "384Mi" } },
      podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      securityContext: restrictedContainerSecurityContext(),
      extraEnvs: [{ name: "STRIMZI_POD_SECURITY_PROVIDER_CLASS", value: "restricted" }],
      generateNetworkPolicy: false,
      generatePodDisruptionBudget: true,
      podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
    },
  };
}
