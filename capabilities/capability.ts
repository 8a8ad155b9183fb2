import type * as pulumi from "@pulumi/pulumi";
import type { CapabilityConfig, CoreSpec, ResolveContext, ResolvedSpecs } from "../config/capability-config";
import type { ApplicationLayerSpec } from "../config/layers/spec";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { CloudContext, LayerDesiredState } from "../manifests/layer-desired-state";
import type { ChartPin } from "../platform/pins";

/**
 * A capability: one vertical of the platform in one folder (capabilities/<name>/), from its config to its
 * resources. Its config half (key, schema, checks, resolve, namespaces, needs) is `CapabilityConfig`; this
 * adds what it deploys. The registry (capabilities/registry.ts) lists every capability; the stack's config
 * schema, the Platform component, the render, the policy pack's allow-list and exemptions, and `strata
 * capabilities` all iterate it, so a capability joins the platform with its folder and one registry line.
 *
 * `Spec`: its resolved config (undefined from `resolve`: not deployed in this stack). `Handle`: what its
 * component gives the capabilities that need it (the cluster's provider, the mesh's injector, ...).
 */
export interface Capability<Spec = any, Handle = any, Config = any> extends CapabilityConfig<Spec, Config> {
  /** One line: what it adds to the platform. */
  summary: string;
  /** The Helm charts it may install, pinned (the pack's allow-list is every capability's). */
  charts: readonly ChartPin[];
  /** The container images it pins beyond what its charts default to. */
  images: readonly string[];
  /** The API groups of the custom resources it brings (its charts install their CRDs; `crdInstaller` is what does). */
  crdGroups: readonly string[];
  /**
   * It builds every application layer from the others' layer hooks (`layerObjects`, `layerPodsWaitFor`,
   * `crdInstaller`): it comes after every capability that offers one, needed or not (the application layers).
   */
  consumesLayerHooks?: boolean;
  /** Its desired state: the layers of a rendered tree, the same objects and charts its component registers. */
  desiredState?(spec: Spec, context: DesiredStateContext): LayerDesiredState[];
  /** Objects it adds to an application layer's namespace, registered (and rendered) with that layer. */
  layerObjects?(spec: Spec, layer: ApplicationLayerSpec, context: LayerObjectsContext): KubernetesObject[];
  /** Its Pulumi component(s), parented to `context.parent`. */
  deploy?(spec: Spec, context: DeployContext): Handle;
  /** What an application layer's pods must wait for among its resources (nodes, an injector, a data service the layer's dependsOn names). */
  layerPodsWaitFor?(handle: Handle, layer: ApplicationLayerSpec): pulumi.Resource[];
  /** The resource that installs the CRDs of its `crdGroups` (its operator's release): custom resources of those groups depend on it. */
  crdInstaller?(handle: Handle): pulumi.Resource;
  /** Lines `strata check` prints about it for a stack that deploys it (e.g. Karpenter's pools against their limits). */
  report?(spec: Spec, context: LayerObjectsContext): string[];
  /** Its stack outputs, by top-level output name. */
  outputs?(handle: Handle, spec: Spec, context: OutputsContext): Record<string, pulumi.Input<unknown>>;
}

/** What a capability's layer objects may read. */
export interface LayerObjectsContext {
  platform: CoreSpec;
  resolved: ResolvedSpecs;
}

/** What both a desired state and a component read beyond their spec. */
export interface StackContext extends LayerObjectsContext, Omit<CloudContext, "cloud"> {
  /** Every capability's objects for an application layer's namespace (`layerObjects`), in registry order. */
  layerObjects(layer: ApplicationLayerSpec): KubernetesObject[];
}

/** What desired-state functions read beyond their spec: also the cloud's values, as a render knows them (config or placeholders). */
export interface DesiredStateContext extends StackContext, Pick<CloudContext, "cloud"> {}

/** What a component is built with. */
export interface DeployContext extends StackContext {
  /** The Platform: every capability's component is its child. */
  parent: pulumi.Resource;
  /** The component of a capability this one needs; undefined when that capability is not deployed. */
  handle<H>(capability: Capability<any, H>): H | undefined;
  /** The AWS provider every AWS resource is created with (EKS mode); absent for an existing cluster. */
  awsProvider?: pulumi.ProviderResource;
  /** The stack's `aws:region`, when set. */
  awsRegion?: string;
  /** What an application layer's pods wait for, from every deployed capability (`layerPodsWaitFor`). */
  layerPodsWaitFor(layer: ApplicationLayerSpec): pulumi.Resource[];
  /** The resources that install the CRD of a custom resource's group (none for a group no capability installs). */
  crdInstallers(object: KubernetesObject): pulumi.Resource[];
}

export interface OutputsContext {
  platform: CoreSpec;
}

/**
 * A capability, with its name, what its resolve returns and what its outputs are kept in its type: the
 * stack's resolved spec (stack/spec.ts) has a field per registered capability, optional where resolve may
 * say "not deployed", and the stack's outputs (stack/outputs.ts) are every capability's.
 */
export function defineCapability<
  Spec,
  Handle = undefined,
  Config = any,
  const Name extends string = string,
  Resolved extends Spec | undefined = Spec | undefined,
  Outputs extends Record<string, pulumi.Input<unknown>> = {},
>(
  capability: Capability<Spec, Handle, Config> & {
    name: Name;
    resolve(context: ResolveContext<Config>): Resolved;
    outputs?(handle: Handle, spec: Spec, context: OutputsContext): Outputs;
  },
): Capability<Spec, Handle, Config> & { name: Name; resolve(context: ResolveContext<Config>): Resolved; outputs?(handle: Handle, spec: Spec, context: OutputsContext): Outputs } {
  return capability;
}

/**
 * The Pulumi SDK, loaded when first used: only a deployment (a component, its outputs) needs it; the config, a
 * desired state, a render and `strata capabilities` read the capabilities without loading it.
 */
export function pulumiSdk(): typeof import("@pulumi/pulumi") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@pulumi/pulumi");
}
