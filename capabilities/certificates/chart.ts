import type { PlacementSpec } from "../../config/layers/spec";
import { podPlacement } from "../../platform/placement";
import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { spreadConstraints } from "../../manifests/topology";
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_RELEASE, CERT_MANAGER_SERVICE_ACCOUNT, certManagerPodLabels, certManagerPorts } from "./names";
import { CERT_MANAGER_VERSION, certManagerPin } from "./pins";
import type { CertificatesSpec } from "./spec";

type Component = keyof typeof certManagerPodLabels;

/**
 * cert-manager's release (value keys: ../shared/chart-reference/cert-manager, checked against its
 * values.schema.json): its CRDs from the chart (kept on uninstall), every image at the release, on the system
 * pool, restricted, HA in prod (replicas, PDBs, zone spread), leader election in its own namespace (not
 * kube-system), certificates' Secrets owned by their Certificates, and the controller's service account
 * annotated with its Route53 role. No startup API check Job: Pulumi waits for the release's Deployments.
 */
export function certManagerChart<V>(spec: CertificatesSpec, placement: PlacementSpec, roleArn: V): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  // The full repository (the chart's override of registry, namespace and name) at the pinned tag.
  const image = (name: string) => ({ repository: `quay.io/jetstack/${name}`, tag: CERT_MANAGER_VERSION });
  const ha = (component: Component, replicas: number, resources: object) => ({
    replicaCount: replicas,
    podDisruptionBudget: replicas > 1 ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
    securityContext: restrictedPodSecurityContext(),
    containerSecurityContext: restrictedContainerSecurityContext(),
    resources,
    nodeSelector,
    tolerations,
    topologySpreadConstraints: spreadConstraints({ ...certManagerPodLabels[component] }, placement),
  });
  return {
    ...certManagerPin,
    releaseName: CERT_MANAGER_RELEASE,
    includeCRDs: true,
    namespace: CERT_MANAGER_NAMESPACE,
    values: {
      crds: { enabled: true, keep: true },
      global: { leaderElection: { namespace: CERT_MANAGER_NAMESPACE } },
      image: image("cert-manager-controller"),
      serviceAccount: { create: true, name: CERT_MANAGER_SERVICE_ACCOUNT, annotations: { [IRSA_ROLE_ANNOTATION]: roleArn } },
      enableCertificateOwnerRef: true,
      prometheus: { enabled: true },
      ...ha("controller", spec.replicas.controller, { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } }),
      webhook: {
        image: image("cert-manager-webhook"),
        securePort: certManagerPorts.webhook,
        ...ha("webhook", spec.replicas.webhook, { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "256Mi" } }),
      },
      cainjector: {
        enabled: true,
        image: image("cert-manager-cainjector"),
        ...ha("cainjector", spec.replicas.cainjector, { requests: { cpu: "20m", memory: "128Mi" }, limits: { memory: "512Mi" } }),
      },
      acmesolver: { image: image("cert-manager-acmesolver") },
      startupapicheck: { enabled: false },
    },
  };
}
