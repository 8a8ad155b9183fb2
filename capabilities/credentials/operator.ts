import type { PlacementSpec } from "../../config/layers/spec";
import { podPlacement } from "../../platform/placement";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { restrictedNamespace } from "../../manifests/namespace";
import { allowDnsEgress, allowHttpsEgress, allowIngressFromVpc, defaultDeny, tcpPorts } from "../../manifests/network-policy";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { restrictedContainerSecurityContext } from "../../manifests/security-context";
import { ZONE_TOPOLOGY_KEY, HOST_TOPOLOGY_KEY } from "../../manifests/topology";
import { OPERATOR_RESOURCES } from "./defaults";
import { credentialsLabels, EXTERNAL_SECRETS_CONTROLLER_ACCOUNT, EXTERNAL_SECRETS_NAMESPACE, EXTERNAL_SECRETS_RELEASE, WEBHOOK_PORT, WEBHOOK_POD_LABELS } from "./names";
import { externalSecretsPin } from "./pins";

/**
 * The containers' security context, restricted with a read-only root (the chart's own default, stated), in the
 * keys the chart's values know; the pods need nothing at their level: every container is non-root with the
 * RuntimeDefault profile, which the restricted profile accepts.
 */
const { privileged: _privileged, ...restricted } = restrictedContainerSecurityContext();
const CONTAINER_SECURITY = { enabled: true, ...restricted };

/** One of the chart's three workloads (controller, webhook, cert controller): replicas, PDB, resources, security. */
function workload(replicas: number) {
  return {
    replicaCount: replicas,
    podDisruptionBudget: { enabled: replicas > 1, minAvailable: 1 },
    resources: structuredClone(OPERATOR_RESOURCES),
    securityContext: structuredClone(CONTAINER_SECURITY),
  };
}

/**
 * The External Secrets Operator's release (value keys: ../shared/chart-reference/external-secrets): its CRDs
 * (`installCRDs`), the controller with leader election, the webhook and the cert controller, each with the
 * profile's replicas (a PDB from 2), on the system pool, spread over zones and nodes, restricted. Least
 * privilege: no cluster-wide right to mint service-account tokens (each namespace grants it for its own
 * store accounts: `rbac.serviceAccountTokenCreate: false`), and the controllers Strata does not use
 * (ClusterExternalSecret, which needs write access to namespaces; PushSecret; ClusterGenerator) are off.
 */
export function externalSecretsChart(replicas: number, placement: PlacementSpec): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  const spread = [
    { topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: placement.zoneSpread },
    { topologyKey: HOST_TOPOLOGY_KEY, whenUnsatisfiable: placement.hostSpread },
  ].map((c) => ({ ...c, maxSkew: 1, matchLabelKeys: ["pod-template-hash"] })); // the chart adds each workload's labelSelector
  return {
    ...externalSecretsPin,
    releaseName: EXTERNAL_SECRETS_RELEASE,
    namespace: EXTERNAL_SECRETS_NAMESPACE,
    includeCRDs: true,
    values: {
      fullnameOverride: EXTERNAL_SECRETS_RELEASE,
      installCRDs: true,
      global: { nodeSelector, tolerations, topologySpreadConstraints: spread },
      leaderElect: true,
      serviceAccount: { create: true, name: EXTERNAL_SECRETS_CONTROLLER_ACCOUNT },
      rbac: { create: true, serviceAccountTokenCreate: false },
      processClusterExternalSecret: false,
      processPushSecret: false,
      processClusterPushSecret: false,
      processClusterGenerator: false,
      ...workload(replicas),
      webhook: { ...workload(replicas), port: WEBHOOK_PORT },
      certController: workload(replicas),
    },
  };
}

/** Why the operator's pods call out of the pod network (the HTTPS egress policy's annotation). */
const HTTPS_REASON =
  "the operator reads source Secrets and writes Secrets through the Kubernetes API, and AWS Secrets Manager through the VPC's interface endpoint with STS web identity; the cert controller patches the webhook's CRDs and configuration; the rotation job calls the Kubernetes API";
const WEBHOOK_REASON = "the API server calls the operator's validating webhook from its endpoint's network interfaces in the VPC";

/** The operator's namespace: restricted, default deny, DNS, HTTPS to the VPC, and the API server to the webhook. */
export function externalSecretsNamespace(vpcCidr: string): KubernetesObject[] {
  const ns = EXTERNAL_SECRETS_NAMESPACE;
  const labels = credentialsLabels;
  return [
    restrictedNamespace(ns, labels),
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, "allow-egress-https", labels, vpcCidr, HTTPS_REASON),
    allowIngressFromVpc(ns, "allow-ingress-webhook-from-api-server", labels, { ...WEBHOOK_POD_LABELS }, vpcCidr, tcpPorts([WEBHOOK_PORT]), WEBHOOK_REASON),
  ] as KubernetesObject[];
}
