import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { judge } from "../engine/unknown";

/**
 * A pod that may not mount a hostPath volume (baseline) may still reach the node's filesystem through a
 * claim bound to a PersistentVolume that is one: the hostPath is then the volume's, not the pod's. No
 * PersistentVolume is a hostPath volume; storage comes from a CSI driver (EBS) or a provisioned local disk.
 */
export const persistentVolumeNoHostPath: ResourceRule = {
  name: "persistent-volume-no-host-path",
  family: "pod-security",
  summary: "no PersistentVolume is a hostPath volume (a claim bound to it would hand any pod the node's filesystem)",
  scope: "resource",
  checkSubject(subject) {
    if (subject.kind !== "PersistentVolume" || subject.object?.apiVersion !== "v1") return [];
    const hostPath = record(subject.object.spec).hostPath;
    return judge(hostPath, (h) => h != null, () => `spec.hostPath (${JSON.stringify(record(hostPath).path)}) hands the node's filesystem to any pod whose claim binds it: use a CSI volume`, "spec.hostPath");
  },
};
