import type { BackupSpec } from "./spec";
import { veleroPin, veleroImages } from "./pins";
import { parseImageReference } from "../../platform/image-reference";
import { podPlacement } from "../../platform/placement";
import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import { NON_ROOT_ID, restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { BACKUP_NAMESPACE, VELERO_RELEASE, VELERO_SERVICE_ACCOUNT } from "./names";

function image(reference: string) {
  const ref = parseImageReference(reference);
  if (!ref?.tag) throw new Error(`${reference} must be pinned by tag`);
  return { repository: ref.repository, tag: ref.tag };
}

/**
 * Velero's release (value keys: ../shared/chart-reference/velero): the server on the system pool with the
 * restricted security context, the AWS plugin pinned, credentials from IRSA only (no Secret), and no
 * storage locations or schedules of the chart's own: Strata creates those as custom resources. The CRDs
 * come from the chart's crds/ (no upgrade Job with an unpinned kubectl image). The node agent only when
 * configured.
 */
export function veleroChart<V>(spec: BackupSpec, roleArn: V): HelmChartSpec {
  const { nodeSelector, tolerations } = podPlacement("system");
  return {
    ...veleroPin,
    releaseName: VELERO_RELEASE,
    includeCRDs: true,
    namespace: BACKUP_NAMESPACE,
    values: {
      image: image(veleroImages.velero),
      initContainers: [
        {
          name: "velero-plugin-for-aws",
          image: veleroImages.awsPlugin,
          volumeMounts: [{ mountPath: "/target", name: "plugins" }],
          securityContext: restrictedContainerSecurityContext(),
          resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
        },
      ],
      credentials: { useSecret: false },
      serviceAccount: { server: { create: true, name: VELERO_SERVICE_ACCOUNT, annotations: { [IRSA_ROLE_ANNOTATION]: roleArn } } },
      configuration: { backupStorageLocation: [], volumeSnapshotLocation: [], features: "" },
      schedules: {},
      backupsEnabled: true,
      snapshotsEnabled: true,
      upgradeCRDs: false,
      podSecurityContext: { ...restrictedPodSecurityContext(), runAsUser: NON_ROOT_ID },
      containerSecurityContext: restrictedContainerSecurityContext(),
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
      nodeSelector,
      tolerations,
      metrics: { enabled: true, serviceMonitor: { enabled: false }, prometheusRule: { enabled: false } },
      deployNodeAgent: spec.nodeAgent,
      ...(spec.nodeAgent
        ? {
            nodeAgent: {
              // On every node: volumes of any pool may need a file-system backup.
              tolerations: [{ operator: "Exists" }],
              resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
            },
          }
        : {}),
    },
  };
}
