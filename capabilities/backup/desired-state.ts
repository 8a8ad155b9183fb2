import type { BackupPlatform } from "./spec";
import { layerLabels } from "../../platform/labels";
import { platformNamespaces } from "../../platform/namespaces";
import { exemptNamespace } from "../../manifests/namespace-exemption";
import { restrictedNamespace } from "../../manifests/namespace";
import { allowDnsEgress, allowHttpsEgress, allowIngress, defaultDeny, namespacePeer, tcpPorts } from "../../manifests/network-policy";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { veleroChart } from "./chart";
import { backupSchedule, backupStorageLocation, volumeSnapshotLocation, type BackupTargets } from "./locations";
import { BACKUP_NAMESPACE, VELERO_METRICS_PORT } from "./names";

export { veleroPolicy } from "./iam";
export * from "./names";
export type { BackupTargets } from "./locations";

export const backupLabels = layerLabels("backup");

/** Why the velero namespace leaves the restricted profile when the node agent is on. */
export const NODE_AGENT_EXEMPTION =
  "The Velero node agent backs up pod volumes from the node (hostPath /var/lib/kubelet/pods, runs as root): file-system backups of volumes without snapshots need it.";

/**
 * The backup layer's desired state: the velero namespace (restricted, or privileged with its reason when the
 * node agent is on) and its network rules; Velero's release; the storage and snapshot locations and the
 * schedules, which need the release (their CRDs) only.
 */
export interface BackupPlan {
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
  customResources: KubernetesObject[];
}

export function backupDesiredState<V>(platform: BackupPlatform, targets: BackupTargets<V> & { roleArn: V }): BackupPlan {
  const spec = platform.backup;
  const ns = BACKUP_NAMESPACE;
  const labels = backupLabels;
  const namespace = spec.nodeAgent ? exemptNamespace(ns, labels, NODE_AGENT_EXEMPTION) : restrictedNamespace(ns, labels);
  const prerequisites = [
    namespace,
    defaultDeny(ns, labels),
    allowDnsEgress(ns, labels),
    allowHttpsEgress(ns, "allow-egress-https", labels, platform.cluster.vpcCidr, "Velero reads the Kubernetes API and writes to S3 and EC2 (snapshots) through STS web identity"),
    allowIngress(ns, "allow-ingress-from-monitoring", labels, {}, namespacePeer(platformNamespaces.monitoring), tcpPorts([VELERO_METRICS_PORT])),
  ] as KubernetesObject[];
  // Plain-data copy: values may hold outputs (the component's), which must pass through as they are.
  return {
    prerequisites: structuredClone(prerequisites),
    chart: veleroChart(spec, targets.roleArn),
    customResources: [backupStorageLocation(targets, labels), volumeSnapshotLocation(targets, labels), ...spec.schedules.map((s) => backupSchedule(s, labels))],
  };
}
