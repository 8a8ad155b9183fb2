import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { EGRESS_HOSTS_ANNOTATION } from "../../platform/egress";
import type { Named } from "../../manifests/kubernetes-object";
import type { ApplicationLayerSpec, PlacementSpec } from "../../config/layers/spec";
import type { ContainerCredentials } from "../credentials";
import { layerSelector } from "../../platform/labels";
import { NVIDIA_GPU_RESOURCE } from "../../platform/gpu";
import { podPlacement } from "../../platform/placement";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { hostAntiAffinity, spreadConstraints } from "../../manifests/topology";
import { applicationLayerLabels, applicationLayerNames, layerObjectMeta } from "../../manifests/layer-names";

/** Scratch space: the root filesystem is read-only, so /tmp is an emptyDir of bounded size. */
const TMP_VOLUME = { name: "tmp", mountPath: "/tmp", sizeLimit: "256Mi" };

/** Plain and Secret-backed variables, the data services' credentials among them, sorted by name so the object is stable. */
function containerEnv(layer: ApplicationLayerSpec, credentials: ContainerCredentials): IEnvVar[] {
  const plain: IEnvVar[] = Object.entries(layer.env).map(([name, value]) => ({ name, value }));
  const fromSecrets: IEnvVar[] = Object.entries(layer.secretEnv).map(([name, ref]) => ({
    name,
    valueFrom: { secretKeyRef: { name: ref.secret, key: ref.key } },
  }));
  return [...plain, ...fromSecrets, ...credentials.env].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The container's resources: the layer's, and its GPUs as a limit only (Kubernetes takes an extended
 * resource's limit as its request, and refuses a request that differs).
 */
function containerResources(layer: ApplicationLayerSpec): IResourceRequirements {
  if (!layer.gpus) return layer.resources;
  return { requests: layer.resources.requests, limits: { ...layer.resources.limits, [NVIDIA_GPU_RESOURCE]: String(layer.gpus) } };
}

/** The account's annotations from config, and the external hosts the layer declares (what the egress gateway admits this account to, and the pack reads). */
function accountAnnotations(layer: ApplicationLayerSpec): Record<string, string> {
  return { ...layer.serviceAccount.annotations, ...(layer.egress.length ? { [EGRESS_HOSTS_ANNOTATION]: layer.egress.map((e) => e.host).join(",") } : {}) };
}

export function serviceAccount(layer: ApplicationLayerSpec): Named<IServiceAccount> {
  const names = applicationLayerNames(layer);
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: {
      name: names.serviceAccount,
      namespace: names.namespace,
      labels: applicationLayerLabels(layer),
      ...(Object.keys(accountAnnotations(layer)).length ? { annotations: accountAnnotations(layer) } : {}),
    },
    automountServiceAccountToken: layer.serviceAccount.automountToken,
  };
}

/**
 * The layer's Deployment. `credentials`: how its data services' credentials reach the container (variables,
 * and the Secrets mounted read-only), from the credentials capability; none without it.
 */
export function deployment(layer: ApplicationLayerSpec, placement: PlacementSpec, credentials: ContainerCredentials = { env: [], volumes: [], volumeMounts: [] }): Named<IDeployment> {
  const env = containerEnv(layer, credentials);
  const names = applicationLayerNames(layer);
  const selector = layerSelector(layer.name);
  const { nodeSelector, tolerations } = podPlacement(layer.capacityClass);
  const probe = (path: string) => ({ httpGet: { path, port: layer.probes.port } });
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: layerObjectMeta(layer, names.workload),
    spec: {
      // With an autoscaler the replica count is its to set; a fixed count here would fight it on every update.
      ...(layer.autoscaling ? {} : { replicas: layer.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: `${layer.maxSurgePercent}%`, maxUnavailable: 0 } },
      template: {
        metadata: { labels: { ...applicationLayerLabels(layer), ...selector } },
        spec: {
          serviceAccountName: names.serviceAccount,
          automountServiceAccountToken: layer.serviceAccount.automountToken,
          enableServiceLinks: false,
          securityContext: restrictedPodSecurityContext(),
          nodeSelector,
          ...(tolerations.length ? { tolerations } : {}),
          topologySpreadConstraints: spreadConstraints(selector, placement),
          ...(layer.antiAffinity ? { affinity: hostAntiAffinity(selector, layer.antiAffinity) } : {}),
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              name: names.container,
              image: layer.image,
              imagePullPolicy: "IfNotPresent",
              ...(layer.command ? { command: layer.command } : {}),
              ...(layer.args ? { args: layer.args } : {}),
              ...(env.length ? { env } : {}),
              ports: layer.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
              resources: containerResources(layer),
              securityContext: restrictedContainerSecurityContext(),
              readinessProbe: { ...probe(layer.probes.readinessPath), periodSeconds: 10, failureThreshold: 3 },
              livenessProbe: { ...probe(layer.probes.livenessPath), periodSeconds: 20, failureThreshold: 3 },
              volumeMounts: [{ name: TMP_VOLUME.name, mountPath: TMP_VOLUME.mountPath }, ...credentials.volumeMounts],
            },
          ],
          volumes: [{ name: TMP_VOLUME.name, emptyDir: { sizeLimit: TMP_VOLUME.sizeLimit } }, ...credentials.volumes],
        },
      },
    },
  };
}
