import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IVolume } from "kubernetes-models/v1/Volume";
import type { IVolumeMount } from "kubernetes-models/v1/VolumeMount";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { declaredServices } from "./layer-objects";
import { credentialsMountPath, credentialsSecretName, credentialsVolumeName } from "./names";
import { credentialsDirVariable, credentialSource } from "./sources";
import type { CredentialsSpec } from "./spec";
import type { DeliveryMode } from "./schema";

/**
 * How a layer's container receives its data services' credentials. Every delivery mounts each service's
 * Secret read-only at `/var/run/secrets/strata/<service>/` (never by subPath, so the kubelet refreshes the
 * files when the Secret changes) and sets `<SERVICE>_CREDENTIALS_DIR` to it; `env` also sets the variables
 * `<SERVICE>_<FIELD>` (values by `secretKeyRef`, file paths as plain values).
 */
export interface ContainerCredentials {
  env: IEnvVar[];
  volumes: IVolume[];
  volumeMounts: IVolumeMount[];
}

/** Owner and group may read (the pod's fsGroup owns the files), nobody else; no execute. */
const SECRET_FILE_MODE = 0o440;

export function containerCredentials(layer: ApplicationLayerSpec, spec: CredentialsSpec | undefined): ContainerCredentials {
  const none: ContainerCredentials = { env: [], volumes: [], volumeMounts: [] };
  if (!spec) return none;
  const mode: DeliveryMode = spec.delivery[layer.name] ?? "env";
  return declaredServices(layer, spec).reduce((out, service) => {
    const secretName = credentialsSecretName(service);
    const volume = credentialsVolumeName(service);
    const dir = credentialsMountPath(service);
    const source = credentialSource(service, layer.name);
    const variables: IEnvVar[] =
      mode === "env"
        ? source.variables.map((v) => ("key" in v ? { name: v.name, valueFrom: { secretKeyRef: { name: secretName, key: v.key } } } : { name: v.name, value: v.file }))
        : [];
    return {
      env: [...out.env, { name: credentialsDirVariable(service), value: dir }, ...variables],
      volumes: [...out.volumes, { name: volume, secret: { secretName, defaultMode: SECRET_FILE_MODE } }],
      volumeMounts: [...out.volumeMounts, { name: volume, mountPath: dir, readOnly: true }],
    };
  }, none);
}
