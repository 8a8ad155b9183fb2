import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { objectKey, typeKey, type KubernetesObject } from "../manifests/kubernetes-object";

type KubernetesResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Kinds with a typed class in @pulumi/kubernetes; anything else (custom resources) is a CustomResource. */
const typedClasses: Record<string, KubernetesResourceClass> = {
  "v1/Namespace": k8s.core.v1.Namespace,
  "v1/ServiceAccount": k8s.core.v1.ServiceAccount,
  "v1/Service": k8s.core.v1.Service,
  "v1/ConfigMap": k8s.core.v1.ConfigMap,
  "v1/Secret": k8s.core.v1.Secret,
  "v1/ResourceQuota": k8s.core.v1.ResourceQuota,
  "v1/LimitRange": k8s.core.v1.LimitRange,
  "apps/v1/Deployment": k8s.apps.v1.Deployment,
  "apps/v1/StatefulSet": k8s.apps.v1.StatefulSet,
  "apps/v1/DaemonSet": k8s.apps.v1.DaemonSet,
  "batch/v1/CronJob": k8s.batch.v1.CronJob,
  "autoscaling/v2/HorizontalPodAutoscaler": k8s.autoscaling.v2.HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": k8s.policy.v1.PodDisruptionBudget,
  "networking.k8s.io/v1/NetworkPolicy": k8s.networking.v1.NetworkPolicy,
  "networking.k8s.io/v1/Ingress": k8s.networking.v1.Ingress,
  "rbac.authorization.k8s.io/v1/Role": k8s.rbac.v1.Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": k8s.rbac.v1.RoleBinding,
  "storage.k8s.io/v1/StorageClass": k8s.storage.v1.StorageClass,
};

/** Kinds whose pods cannot start before their ServiceAccount exists. */
const POD_BEARING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

export interface RegisterOptions {
  parent: pulumi.Resource;
  provider: pulumi.ProviderResource;
  /** What every object of the batch needs first (e.g. the operator release that installs a CRD). */
  dependsOn?: pulumi.Resource[];
  /**
   * What pod-bearing objects (Deployments, StatefulSets, ...) also need first: the nodes their pods run on
   * (a list for the whole batch, or per object when a batch spans pools).
   */
  workloadDependsOn?: pulumi.Resource[] | ((object: KubernetesObject) => pulumi.Resource[]);
  /**
   * What custom resources (kinds without a typed class) also need first: the release that installs their CRD
   * (a list for the whole batch, or per object when a batch holds custom resources of several operators).
   */
  customResourceDependsOn?: pulumi.Resource[] | ((object: KubernetesObject) => pulumi.Resource[]);
}

/** A batch's dependencies as one object has them. */
function forObject(needs: pulumi.Resource[] | ((object: KubernetesObject) => pulumi.Resource[]) | undefined, object: KubernetesObject): pulumi.Resource[] {
  return typeof needs === "function" ? needs(object) : (needs ?? []);
}

/** The Pulumi resource name of an object: unique per type within a stack, readable in a preview. */
export function resourceName(object: KubernetesObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${object.metadata.name}` : object.metadata.name;
}

function serviceAccountOf(object: KubernetesObject): string {
  const spec = object.spec as { template?: { spec?: { serviceAccountName?: string } }; jobTemplate?: any } | undefined;
  const podSpec = spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
  return podSpec?.serviceAccountName ?? "default";
}

/**
 * Registers plain Kubernetes objects as Pulumi resources, in order, each with the explicit parent and
 * provider, and with only the dependencies it really has: its Namespace and, for workloads, its
 * ServiceAccount, when those are in the same batch, and the nodes they run on. Returns the resources by objectKey.
 */
export function registerKubernetesObjects(objects: KubernetesObject[], opts: RegisterOptions): Map<string, pulumi.CustomResource> {
  const created = new Map<string, pulumi.CustomResource>();
  for (const object of objects) {
    const key = objectKey(object);
    if (created.has(key)) throw new Error(`${key} is defined twice`);
    const needs: pulumi.Resource[] = [...(opts.dependsOn ?? [])];
    const ns = object.metadata.namespace;
    const namespace = ns && created.get(`Namespace/${ns}`);
    if (namespace) needs.push(namespace);
    if (ns && POD_BEARING_KINDS.has(object.kind)) {
      const account = created.get(`ServiceAccount/${ns}/${serviceAccountOf(object)}`);
      if (account) needs.push(account);
    }
    if (POD_BEARING_KINDS.has(object.kind)) needs.push(...forObject(opts.workloadDependsOn, object));
    const typed = typedClasses[typeKey(object)];
    if (!typed) needs.push(...forObject(opts.customResourceDependsOn, object));
    const resourceOpts: pulumi.CustomResourceOptions = { parent: opts.parent, provider: opts.provider, dependsOn: needs };
    const { apiVersion, kind, ...body } = object;
    const resource = typed
      ? new typed(resourceName(object), body, resourceOpts)
      : new k8s.apiextensions.CustomResource(resourceName(object), { apiVersion, kind, ...body }, resourceOpts);
    created.set(key, resource);
  }
  return created;
}
