import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { MeshPlatform } from "./spec";
import { meshDesiredState } from "./desired-state";
import { MESH_CNI_NAMESPACE } from "./namespaces";
import { platformNamespaces } from "../../platform/namespaces";
import { EGRESS_GATEWAY_NAMESPACE } from "../../platform/egress";
import { helmRelease } from "../../components/helm-release";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";

export interface MeshArgs {
  /** The resolved stack config, as much of it as Istio reads (`MeshPlatform`). */
  platform: MeshPlatform;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** What the control plane's pods need first: the system pool's node groups. @default `[]` (nothing to wait for) */
  workloadDependsOn?: pulumi.Resource[];
}

/**
 * The Istio mesh, from `meshDesiredState`: namespaces and their rules, then base (CRDs), cni and istiod,
 * then the gateway; the mesh-wide PeerAuthentication and the edge routing need base only. Application
 * layers' pods wait for `injector` (istiod): started before it, they would run without a sidecar.
 */
export class Mesh extends pulumi.ComponentResource {
  static readonly type = "strata:mesh:Mesh";

  /** The release that installs Istio's CRDs: custom resources depend on it. */
  readonly crds: k8s.helm.v3.Release;
  /** istiod, whose webhook injects sidecars: meshed pods depend on it. */
  readonly injector: k8s.helm.v3.Release;
  readonly gateway: k8s.helm.v3.Release;
  /** The gateway's Namespace: what the edge's objects there (its Service, Ingress, Certificates) wait for. */
  readonly gatewayNamespace: pulumi.Resource;

  constructor(name: string, args: MeshArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Mesh.type, name, {}, opts);
    const plan = meshDesiredState(args.platform);
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    const namespace = (ns: string) => prerequisites.get(`Namespace/${ns}`)!;
    const nodes = args.workloadDependsOn ?? [];

    this.crds = helmRelease(`${name}-base`, plan.charts.base, { ...base, dependsOn: [namespace(platformNamespaces.meshRoot)] });
    helmRelease(`${name}-cni`, plan.charts.cni, { ...base, dependsOn: [namespace(MESH_CNI_NAMESPACE)] });
    this.injector = helmRelease(`${name}-istiod`, plan.charts.istiod, { ...base, dependsOn: [this.crds, ...nodes] });
    this.gateway = helmRelease(`${name}-gateway`, plan.charts.gateway, { ...base, dependsOn: [this.injector, namespace(platformNamespaces.gateway), ...nodes] });
    const egressNamespace = prerequisites.get(`Namespace/${EGRESS_GATEWAY_NAMESPACE}`);
    if (plan.charts.egressGateway) {
      helmRelease(`${name}-egress-gateway`, plan.charts.egressGateway, { ...base, dependsOn: [this.injector, egressNamespace!, ...nodes] });
    }
    registerKubernetesObjects(plan.customResources, {
      ...base,
      dependsOn: [namespace(platformNamespaces.meshRoot), namespace(platformNamespaces.gateway), ...(egressNamespace ? [egressNamespace] : [])],
      customResourceDependsOn: [this.crds],
    });
    this.gatewayNamespace = namespace(platformNamespaces.gateway);
    this.registerOutputs({});
  }
}
