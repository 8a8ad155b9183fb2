import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { MONITORING_NAMESPACE, OBJSTORE_CONFIG_MAP, OBJSTORE_KEY } from "./names";

/** Where Thanos keeps its blocks: filled in by the component (outputs) or the renderer (strings). */
export interface MetricsTargets<V = string> {
  bucket: V;
  region: V;
  /** The regional S3 endpoint. */
  endpoint: V;
}

/** Thanos's S3 objstore config: credentials from the AWS SDK's chain (IRSA web identity), never keys. */
export function objstoreConfig<V>(targets: MetricsTargets<V>) {
  return { type: "S3", config: { bucket: targets.bucket, endpoint: targets.endpoint, region: targets.region, aws_sdk_auth: true } };
}
export type ObjstoreConfig<V> = ReturnType<typeof objstoreConfig<V>>;

/**
 * The ConfigMap the Thanos sidecar, store gateway and compactor mount. It holds no credential (bucket,
 * region and endpoint; the SDK's chain finds the IRSA web identity), so it is no Secret: a render writes it
 * as it is, with the bucket's name from config or a placeholder. `encode` writes the config as a file (JSON
 * is YAML): `JSON.stringify`, or the same through an output.
 */
export function objstoreConfigMap<V, E>(targets: MetricsTargets<V>, encode: (config: ObjstoreConfig<V>) => E, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: OBJSTORE_CONFIG_MAP, namespace: MONITORING_NAMESPACE, labels },
    data: { [OBJSTORE_KEY]: encode(objstoreConfig(targets)) },
  };
}
