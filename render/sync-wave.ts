import { SYNC_WAVE_ANNOTATION } from "../capabilities/application-layers/startup";
import type { KubernetesObject } from "../manifests/kubernetes-object";

/** Copies of the objects with the layer's Argo CD sync wave; without a wave the objects as they are. */
export function withSyncWave(objects: KubernetesObject[], wave: number | undefined): KubernetesObject[] {
  if (wave === undefined) return objects;
  return objects.map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [SYNC_WAVE_ANNOTATION]: String(wave) } } }));
}
