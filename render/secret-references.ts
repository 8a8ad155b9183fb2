import type { GitOpsSpec } from "../capabilities/gitops";
import { defaultRemoteKey, externalSecret as externalSecretOf, externalSecretTarget, isExternalSecret } from "../manifests/external-secret";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { labelKeys, MANAGED_BY, PART_OF } from "../platform/labels";
import { POD_SPEC_EXTRACTORS } from "../policies/pod-security/pod-spec-extractors";

/**
 * Secrets in a rendered tree are references, never values: a Secret of the desired state (e.g. a
 * generated password, which Pulumi keeps encrypted in its state) is replaced by an ExternalSecret of the
 * same name that External Secrets fills from the store; a Secret that pods reference but the desired
 * state does not provide (`secretEnv`, unless the layers create its ExternalSecret themselves with
 * `secrets.externalSecrets`) gets one too. Remote keys are `<prefix>/<namespace>/<secret>`, the Secret's
 * keys are the remote properties.
 */

export { EXTERNAL_SECRET_API_VERSION } from "../manifests/external-secret";

interface SecretNeed {
  namespace: string;
  name: string;
  /** Keys read one by one (secretKeyRef, or a Secret's data keys). */
  keys: Set<string>;
  /** Whole Secret used (envFrom, volumes): every property of the remote key. */
  whole: boolean;
}

/** Whether an object is a core Secret. */
export function isSecret(object: KubernetesObject): boolean {
  return object.apiVersion === "v1" && object.kind === "Secret";
}

/** How Secrets are keyed: `namespace/name`. */
export function secretKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? "default"}/${name}`;
}

/** The Secrets a pod-bearing object reads (in any of its pod specs), by name. */
function referencedSecrets(object: KubernetesObject, needs: Map<string, SecretNeed>): void {
  const namespace = object.metadata.namespace;
  if (!namespace) return;
  const need = (name: string): SecretNeed => {
    const key = secretKey(namespace, name);
    if (!needs.has(key)) needs.set(key, { namespace, name, keys: new Set(), whole: false });
    return needs.get(key)!;
  };
  for (const { spec: pod } of POD_SPEC_EXTRACTORS.podSpecsOf(object)) {
    for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (ref?.name) need(ref.name).keys.add(ref.key);
      }
      for (const from of container.envFrom ?? []) if (from.secretRef?.name) need(from.secretRef.name).whole = true;
    }
    for (const volume of pod.volumes ?? []) if (volume.secret?.secretName) need(volume.secret.secretName).whole = true;
  }
}

function externalSecret(need: SecretNeed, gitops: GitOpsSpec, prefix: string): KubernetesObject {
  const remoteKey = defaultRemoteKey(prefix, need.namespace, need.name);
  return externalSecretOf(
    { name: need.name, namespace: need.namespace, labels: { [labelKeys.partOf]: PART_OF, [labelKeys.managedBy]: MANAGED_BY } },
    need.whole
      ? { dataFrom: [{ extract: { key: remoteKey } }] }
      : { data: [...need.keys].sort().map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })) },
    gitops,
  );
}

/**
 * The Secrets (by `secretKey`) the desired state provides: those it creates, and those its own ExternalSecrets
 * create. The render writes no second ExternalSecret for any of them.
 */
export function providedSecrets(objects: KubernetesObject[]): Set<string> {
  const provided = new Set<string>();
  for (const object of objects) {
    if (isSecret(object)) provided.add(secretKey(object.metadata.namespace, object.metadata.name));
    else if (isExternalSecret(object)) {
      const target = externalSecretTarget(object);
      provided.add(secretKey(target.namespace, target.name));
    }
  }
  return provided;
}

/**
 * A layer's objects with every Secret replaced by an ExternalSecret and an ExternalSecret added for every
 * Secret its pods read that no layer provides. Secrets the platform provides (`platformSecrets`, every
 * layer's, by `secretKey`: see `providedSecrets`) are left to the layer that provides them.
 */
export function withSecretReferences(objects: KubernetesObject[], gitops: GitOpsSpec, prefix: string, platformSecrets: ReadonlySet<string>): KubernetesObject[] {
  const needs = new Map<string, SecretNeed>();
  const out: KubernetesObject[] = [];
  for (const object of objects) {
    if (isSecret(object)) {
      const namespace = object.metadata.namespace ?? "default";
      const keys = new Set([...Object.keys((object.data as object) ?? {}), ...Object.keys((object.stringData as object) ?? {})]);
      out.push(externalSecret({ namespace, name: object.metadata.name, keys, whole: keys.size === 0 }, gitops, prefix));
      continue;
    }
    referencedSecrets(object, needs);
    out.push(object);
  }
  for (const [key, need] of [...needs].sort(([a], [b]) => a.localeCompare(b))) {
    if (!platformSecrets.has(key)) out.push(externalSecret(need, gitops, prefix));
  }
  return out;
}
