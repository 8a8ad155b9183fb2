import type { KubernetesObject } from "../manifests/kubernetes-object";

/** The annotation that orders a rendered tree's objects for Argo CD: lower waves are applied, and healthy, first. */
export const SYNC_WAVE_ANNOTATION = "argocd.argoproj.io/sync-wave";

/** Copies of the objects with the layer's Argo CD sync wave; without a wave the objects as they are. */
export function withSyncWave(objects: KubernetesObject[], wave: number | undefined): KubernetesObject[] {
  if (wave === undefined) return objects;
  return objects.map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [SYNC_WAVE_ANNOTATION]: String(wave) } } }));
}
