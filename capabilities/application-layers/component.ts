import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { applicationLayerNames } from "../../manifests/layer-names";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";
import { applicationLayerObjects } from "./objects";
import type { ApplicationLayersPlatform } from "./spec";

export interface ApplicationLayerArgs {
  /** The resolved layer. */
  layer: ApplicationLayerSpec;
  /** The whole platform: peers' ports and callers, the gateway's routes, where Secrets come from. */
  platform: ApplicationLayersPlatform;
  /** The stack's remote-key prefix, for the layer's ExternalSecrets (`secrets.externalSecrets`). */
  remoteKeyPrefix: string;
  /** The cluster every object is created in. */
  provider: k8s.Provider;
  /**
   * What the layer's pods need before they can start: the node groups of its capacity class, the mesh's
   * injector, and what its `dependsOn` names (those layers' workloads, those data services' clusters).
   * @default `[]` (nothing to wait for)
   */
  workloadDependsOn?: pulumi.Resource[];
  /** Objects other capabilities add to the layer's namespace (the mesh's AuthorizationPolicy, Sidecar, DestinationRule); default none. @default `[]` */
  contributed?: KubernetesObject[];
  /** What a custom resource of the layer needs first: the release that installs its CRD (none: a CRD already in the cluster). @default none: every custom resource is created without waiting */
  customResourceDependsOn?: (object: KubernetesObject) => pulumi.Resource[];
}

/**
 * One application layer: its namespace (restricted Pod Security), service account, Deployment, Service,
 * autoscaler, PDB, quota, limits, network policies and (`secrets.externalSecrets`) ExternalSecrets, from
 * `applicationLayerObjects`.
 */
export class ApplicationLayer extends pulumi.ComponentResource {
  static readonly type = "strata:layers:ApplicationLayer";

  /** The layer's namespace. */
  readonly namespace: pulumi.Output<string>;
  /** The service account its pods run as. */
  readonly serviceAccountName: pulumi.Output<string>;
  /** In-cluster DNS name of its Service. */
  readonly serviceHost: pulumi.Output<string>;
  /** The Service's main port. */
  readonly servicePort: pulumi.Output<number>;
  /** The tenant this layer is a copy for; absent on a shared layer. */
  readonly tenant?: string;
  /** Every resource of the layer, by object key (Kind/namespace/name). */
  readonly resources: ReadonlyMap<string, pulumi.CustomResource>;
  /** The resources that run its pods (its Deployment): what a layer that depends on it waits for. */
  readonly workloads: pulumi.CustomResource[];

  constructor(name: string, args: ApplicationLayerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(ApplicationLayer.type, name, {}, opts);
    const objects = applicationLayerObjects(args.layer, args.platform, args.remoteKeyPrefix, args.contributed ?? []);
    this.resources = registerKubernetesObjects(objects, {
      parent: this,
      provider: args.provider,
      workloadDependsOn: args.workloadDependsOn,
      customResourceDependsOn: args.customResourceDependsOn,
    });

    const names = applicationLayerNames(args.layer);
    const namespace = this.resources.get(`Namespace/${names.namespace}`) as k8s.core.v1.Namespace;
    const account = this.resources.get(`ServiceAccount/${names.namespace}/${names.serviceAccount}`) as k8s.core.v1.ServiceAccount;
    const service = this.resources.get(`Service/${names.namespace}/${names.service}`) as k8s.core.v1.Service;
    this.workloads = [this.resources.get(`Deployment/${names.namespace}/${names.workload}`)!];

    this.tenant = args.layer.tenant;
    this.namespace = namespace.metadata.name;
    this.serviceAccountName = account.metadata.name;
    this.serviceHost = pulumi.interpolate`${service.metadata.name}.${service.metadata.namespace}.svc.cluster.local`;
    this.servicePort = service.spec.ports[0].port;
    this.registerOutputs({
      namespace: this.namespace,
      serviceAccountName: this.serviceAccountName,
      serviceHost: this.serviceHost,
      servicePort: this.servicePort,
    });
  }
}
