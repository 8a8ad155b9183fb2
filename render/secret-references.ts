import type { GitOpsSpec } from "../config/spec";
import type { KubernetesObject } from "../layers/kubernetes-object";
import { labelKeys, MANAGED_BY, PART_OF } from "../platform/labels";

/**
 * Secrets in a rendered tree are references, never values: a Secret of the desired state (e.g. a
 * generated password, which Pulumi keeps encrypted in its state) is replaced by an ExternalSecret of the
 * same name that External Secrets fills from the store; a Secret that pods reference but the desired
 * state does not create (`secretEnv`) gets one too. Remote keys are `<prefix>/<namespace>/<secret>`, the
 * Secret's keys are the remote properties.
 */

export const EXTERNAL_SECRET_API_VERSION = "external-secrets.io/v1";

interface SecretNeed {
  namespace: string;
  name: string;
  /** Keys read one by one (secretKeyRef, or a Secret's data keys). */
  keys: Set<string>;
  /** Whole Secret used (envFrom, volumes): every property of the remote key. */
  whole: boolean;
}

function podSpecOf(object: KubernetesObject): Record<string, any> | undefined {
  const spec = object.spec as Record<string, any> | undefined;
  if (object.kind === "Pod") return spec;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

/** The Secrets a pod-bearing object reads, by name. */
function referencedSecrets(object: KubernetesObject, needs: Map<string, SecretNeed>): void {
  const pod = podSpecOf(object);
  const namespace = object.metadata.namespace;
  if (!pod || !namespace) return;
  const need = (name: string): SecretNeed => {
    const key = `${namespace}/${name}`;
    if (!needs.has(key)) needs.set(key, { namespace, name, keys: new Set(), whole: false });
    return needs.get(key)!;
  };
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const env of container.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref?.name) need(ref.name).keys.add(ref.key);
    }
    for (const from of container.envFrom ?? []) if (from.secretRef?.name) need(from.secretRef.name).whole = true;
  }
  for (const volume of pod.volumes ?? []) if (volume.secret?.secretName) need(volume.secret.secretName).whole = true;
}

function externalSecret(need: SecretNeed, gitops: GitOpsSpec, prefix: string): KubernetesObject {
  const remoteKey = `${prefix}/${need.namespace}/${need.name}`;
  return {
    apiVersion: EXTERNAL_SECRET_API_VERSION,
    kind: "ExternalSecret",
    metadata: { name: need.name, namespace: need.namespace, labels: { [labelKeys.partOf]: PART_OF, [labelKeys.managedBy]: MANAGED_BY } },
    spec: {
      refreshInterval: gitops.refreshInterval,
      secretStoreRef: { kind: gitops.secretStore.kind, name: gitops.secretStore.name },
      target: { name: need.name, creationPolicy: "Owner" },
      ...(need.whole
        ? { dataFrom: [{ extract: { key: remoteKey } }] }
        : { data: [...need.keys].sort().map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })) }),
    },
  };
}

/**
 * A layer's objects with every Secret replaced by an ExternalSecret and an ExternalSecret added for every
 * Secret its pods read that no layer creates. Secrets created elsewhere in the platform (`createdElsewhere`,
 * by namespace/name) are left to their own layer.
 */
export function withSecretReferences(objects: KubernetesObject[], gitops: GitOpsSpec, prefix: string, createdElsewhere: Set<string>): KubernetesObject[] {
  const needs = new Map<string, SecretNeed>();
  const out: KubernetesObject[] = [];
  for (const object of objects) {
    if (object.apiVersion === "v1" && object.kind === "Secret") {
      const namespace = object.metadata.namespace ?? "default";
      const keys = new Set([...Object.keys((object.data as object) ?? {}), ...Object.keys((object.stringData as object) ?? {})]);
      out.push(externalSecret({ namespace, name: object.metadata.name, keys, whole: keys.size === 0 }, gitops, prefix));
      continue;
    }
    referencedSecrets(object, needs);
    out.push(object);
  }
  const created = new Set(objects.filter((o) => o.kind === "Secret").map((o) => `${o.metadata.namespace ?? "default"}/${o.metadata.name}`));
  for (const [key, need] of [...needs].sort(([a], [b]) => a.localeCompare(b))) {
    if (!created.has(key) && !createdElsewhere.has(key)) out.push(externalSecret(need, gitops, prefix));
  }
  return out;
}
