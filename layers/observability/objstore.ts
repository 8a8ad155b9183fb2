import type { KubernetesObject } from "../kubernetes-object";
import { MONITORING_NAMESPACE, OBJSTORE_KEY, OBJSTORE_SECRET } from "./names";

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
 * The Secret the Prometheus operator hands the sidecar and Strata's store gateway and compactor mount. It
 * holds no credential (the bucket and region only), but Thanos takes its config from a Secret. `encode`
 * writes the config as a file (JSON is YAML): `JSON.stringify`, or the same through an output.
 */
export function objstoreSecret<V, E>(targets: MetricsTargets<V>, encode: (config: ObjstoreConfig<V>) => E, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: OBJSTORE_SECRET, namespace: MONITORING_NAMESPACE, labels },
    type: "Opaque",
    stringData: { [OBJSTORE_KEY]: encode(objstoreConfig(targets)) },
  };
}
