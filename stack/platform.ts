import * as pulumi from "@pulumi/pulumi";
import type { ResolvedSpecs } from "../config/capability-config";
import { specReader } from "../config/compose";
import type { Capability, DeployContext } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { CloudContext } from "../manifests/layer-desired-state";
import { deploymentOrder } from "./deployment-order";
import { layerContributions } from "./layer-contributions";
import type { PlatformSpec } from "./spec";

export interface PlatformArgs {
  /** The resolved stack config (`validateStackConfig`). */
  spec: PlatformSpec;
  /** What the stack knows beside its config: the cluster's and the stack's names, the remote-key prefix. */
  context: Omit<CloudContext, "cloud">;
  /** The AWS provider every AWS resource is created with; required for an EKS cluster, unused for an existing one. @default none (valid for an existing cluster only) */
  awsProvider?: pulumi.ProviderResource;
  /** The stack's `aws:region`, when set (the data layers' backups need the region in existing-cluster mode). @default the region of the AWS provider */
  awsRegion?: string;
  /** The capabilities to deploy; default: the registry's. @default the registry's (`capabilities/registry.ts`), in its order */
  capabilities?: readonly Capability[];
}

/**
 * The whole platform of one stack: every deployed capability's component, in the order of their needs
 * (the cluster first, the application layers last), each given the components of what it needs. Resources
 * depend on nothing but what they need: the dependencies come from the capabilities' declarations (what a
 * layer's pods wait for, which release installs a CRD), never from wiring written here.
 */
export class Platform extends pulumi.ComponentResource {
  static readonly type = "strata:platform:Platform";

  /** Each deployed capability's component (its handle), by capability name; `handle(capability)` reads one typed. */
  readonly handles: ReadonlyMap<string, unknown>;
  /** The stack outputs every deployed capability reports, by output name. */
  readonly outputs: Readonly<Record<string, pulumi.Input<unknown>>>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Platform.type, name, {}, opts);
    const capabilities = deploymentOrder(args.capabilities ?? CAPABILITIES);
    const specs = args.spec as unknown as Record<string, unknown>;
    const deployed = capabilities.filter((c) => specs[c.name] !== undefined);
    const handles = new Map<string, unknown>();

    const readerFor = (reader: Capability): ResolvedSpecs => specReader((name) => specs[name], reader);
    const contributions = layerContributions(deployed, args.spec, specs);
    // Hooks read from every deployed capability; one not built yet would be silently missed, so that is a bug said at once.
    const built = (c: Capability, hook: string): boolean => {
      if (handles.has(c.name)) return true;
      throw new Error(`${hook} asked before capability "${c.name}" was deployed: the asking capability must come after it (consumesLayerHooks, or needs)`);
    };
    const waitFor = (layer: Parameters<DeployContext["layerPodsWaitFor"]>[0]) =>
      deployed.filter((c) => c.layerPodsWaitFor && c.deploy && built(c, "layerPodsWaitFor")).flatMap((c) => c.layerPodsWaitFor!(handles.get(c.name), layer));
    const installers = (object: KubernetesObject): pulumi.Resource[] => {
      const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
      return deployed.filter((c) => c.crdInstaller && c.crdGroups.includes(group) && built(c, "crdInstallers")).map((c) => c.crdInstaller!(handles.get(c.name)));
    };

    const outputs: Record<string, pulumi.Input<unknown>> = {};
    for (const capability of deployed) {
      if (!capability.deploy) continue;
      const context: DeployContext = {
        ...args.context,
        parent: this,
        platform: args.spec,
        resolved: readerFor(capability),
        handle: <H>(needed: Capability<unknown, H>): H | undefined => {
          if (needed.name !== capability.name && !capability.needs.includes(needed.name)) throw new Error(`capability "${capability.name}" uses "${needed.name}" without needing it`);
          return handles.get(needed.name) as H | undefined;
        },
        awsProvider: args.awsProvider,
        awsRegion: args.awsRegion,
        layerObjects: (layer) => contributions(layer, readerFor),
        layerPodsWaitFor: waitFor,
        crdInstallers: installers,
      };
      const handle = capability.deploy(specs[capability.name], context);
      handles.set(capability.name, handle);
      for (const [key, value] of Object.entries(capability.outputs?.(handle, specs[capability.name], { platform: args.spec }) ?? {})) {
        if (key in outputs || key === "profile") throw new Error(`capability "${capability.name}" reports the stack output "${key}", which another reports too`);
        outputs[key] = value;
      }
    }
    this.handles = handles;
    this.outputs = outputs;
    this.registerOutputs({});
  }

  /** A deployed capability's component (`cluster`'s `ClusterLayer`, `mesh`'s `Mesh`, ...); undefined when the stack does not deploy it. */
  handle<H>(capability: Capability<any, H>): H | undefined {
    return this.handles.get(capability.name) as H | undefined;
  }
}
