import type { BackupScheduleSpec } from "./spec";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { BACKUP_NAMESPACE, BUCKET_PREFIX, SNAPSHOT_LOCATION, STORAGE_LOCATION } from "./names";

/** Where Velero writes: filled in by the component (outputs) or the renderer (strings). */
export interface BackupTargets<V = string> {
  bucket: V;
  region: V;
}

function meta(name: string, labels: Record<string, string>) {
  return { name, namespace: BACKUP_NAMESPACE, labels };
}

/** The backups bucket (from the cluster's bucket helper), the default location of every backup. */
export function backupStorageLocation<V>(targets: BackupTargets<V>, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "BackupStorageLocation",
    metadata: meta(STORAGE_LOCATION, labels),
    spec: { provider: "aws", default: true, objectStorage: { bucket: targets.bucket, prefix: BUCKET_PREFIX }, config: { region: targets.region } },
  };
}

/** EBS snapshots in the cluster's region. */
export function volumeSnapshotLocation<V>(targets: BackupTargets<V>, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "VolumeSnapshotLocation",
    metadata: meta(SNAPSHOT_LOCATION, labels),
    spec: { provider: "aws", config: { region: targets.region } },
  };
}

/** One schedule from config: when, what (namespaces; volumes as EBS snapshots), and for how long. */
export function backupSchedule(schedule: BackupScheduleSpec, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: meta(schedule.name, labels),
    spec: {
      schedule: schedule.schedule,
      useOwnerReferencesInBackup: false,
      template: {
        ttl: schedule.ttl,
        ...(schedule.includedNamespaces ? { includedNamespaces: schedule.includedNamespaces } : {}),
        snapshotVolumes: schedule.snapshotVolumes,
        storageLocation: STORAGE_LOCATION,
        volumeSnapshotLocations: [SNAPSHOT_LOCATION],
      },
    },
  };
}
