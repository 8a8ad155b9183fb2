import type { ApplicationLayerSpec, RemoteRefSpec } from "../../config/layers/spec";
import type { ApplicationLayersPlatform } from "./spec";
import { defaultRemoteKey, externalSecret } from "../../manifests/external-secret";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";

/**
 * With `secrets.externalSecrets`, the layer's own ExternalSecrets: one per Secret its `secretEnv` reads,
 * with one entry per key, read from the variable's `remoteRef` or the default remote key. The Secret's value
 * never passes through Strata: External Secrets reads it from the store (`gitops.secretStore`) in the cluster.
 */
export function secretEnvExternalSecrets(layer: ApplicationLayerSpec, platform: Pick<ApplicationLayersPlatform, "secrets" | "gitops">, remoteKeyPrefix: string): KubernetesObject[] {
  if (!platform.secrets.externalSecrets) return [];
  const namespace = applicationLayerNames(layer).namespace;
  // Secret → its keys → where each is read from (variables reading the same key agree: capabilities/secrets/checks.ts).
  const secrets = new Map<string, Map<string, RemoteRefSpec>>();
  for (const ref of Object.values(layer.secretEnv)) {
    const keys = secrets.get(ref.secret) ?? new Map<string, RemoteRefSpec>();
    keys.set(ref.key, ref.remoteRef ?? { key: defaultRemoteKey(remoteKeyPrefix, namespace, ref.secret), property: ref.key });
    secrets.set(ref.secret, keys);
  }
  return [...secrets]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([secret, keys]) =>
      externalSecret(
        layerObjectMeta(layer, secret),
        { data: [...keys].sort(([a], [b]) => a.localeCompare(b)).map(([secretKey, remoteRef]) => ({ secretKey, remoteRef: { ...remoteRef } })) },
        platform.gitops,
      ),
    );
}
