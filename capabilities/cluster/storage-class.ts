import type { IStorageClass } from "kubernetes-models/storage.k8s.io/v1/StorageClass";
import type { EksClusterSpec } from "./spec";
import { labelKeys, MANAGED_BY, PART_OF } from "../../platform/labels";
import type { Named } from "../../manifests/kubernetes-object";

/** The StorageClass Strata makes the cluster's default: encrypted gp3 volumes from the EBS CSI driver. */
export const DEFAULT_STORAGE_CLASS = "gp3-encrypted";
export const EBS_CSI_PROVISIONER = "ebs.csi.aws.com";
export const DEFAULT_STORAGE_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";

/**
 * Volumes are encrypted with the account's EBS key (`aws/ebs`), bound only once a pod is scheduled (so the
 * volume is created in that pod's zone) and expandable. prod keeps a volume when its claim is deleted.
 */
export function defaultStorageClass(spec: Pick<EksClusterSpec, "storage">): Named<IStorageClass> {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name: DEFAULT_STORAGE_CLASS,
      labels: { [labelKeys.partOf]: PART_OF, [labelKeys.managedBy]: MANAGED_BY },
      annotations: { [DEFAULT_STORAGE_CLASS_ANNOTATION]: "true" },
    },
    provisioner: EBS_CSI_PROVISIONER,
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: spec.storage.volumeReclaimPolicy,
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}
