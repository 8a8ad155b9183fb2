import type * as pulumi from "@pulumi/pulumi";
import type { ResolvedSpecs, CoreSpec } from "../../config/capability-config";
import { defineCapability, pulumiSdk } from "../capability";
import { cluster } from "../cluster";
import { credentials } from "../credentials";
import { gitops } from "../gitops";
import { mesh } from "../mesh";
import { secrets } from "../secrets";
import type { ApplicationLayer } from "./component";
import { applicationLayerObjects } from "./objects";
import type { ApplicationLayersPlatform } from "./spec";
import { startupOrder, startupWaves } from "./startup";

export type { ApplicationLayer, ApplicationLayerArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const applicationLayerComponents = (): typeof import("./component") => require("./component");
export { applicationLayerObjects } from "./objects";
export { startupOrder, startupWaves } from "./startup";
export type { ApplicationLayersPlatform } from "./spec";

/** The application layers' component: each layer by name, in startup order. */
export interface ApplicationLayers {
  layers: Readonly<Record<string, ApplicationLayer>>;
}

/** Stack outputs of one application layer (the stack's `layers.<name>`). */
export interface LayerOutputs {
  /** The layer's namespace. */
  namespace: string;
  /** The service account its pods run as (bind cloud roles to it). */
  serviceAccountName: string;
  /** In-cluster DNS name of the layer's Service, e.g. `l2-dialogue.l2-dialogue.svc.cluster.local`. */
  serviceHost: string;
  /** The Service's main port. */
  servicePort: number;
}

/** One tenant's share of the platform: its copies of the per-tenant layers (`layers.<tenant>-<layer>`). */
export interface TenantOutputs {
  /** The namespaces of the tenant's copies, in layer order: all of the tenant's pods run in them. */
  namespaces: string[];
}

function platformOf(core: CoreSpec, resolved: ResolvedSpecs): ApplicationLayersPlatform {
  const credentialsSpec = resolved.of(credentials);
  return { ...core, mesh: resolved.of(mesh)!, secrets: resolved.of(secrets)!, gitops: resolved.of(gitops)!, ...(credentialsSpec ? { credentials: credentialsSpec } : {}) };
}

/**
 * The application layers (`layers`, default L0–L5; `tenants`' copies): per layer a restricted namespace,
 * service account, Deployment, Service, autoscaler, PDB, quota, limits, default-deny NetworkPolicies with
 * exactly the declared flows, and what other capabilities add to the layer's namespace. Their config is
 * the core every capability reads (config/layers/); this is their deployment, which comes after every
 * capability with a layer hook: a layer's pods wait for their nodes, the mesh's injector, the device plugin,
 * and whatever their `dependsOn` names; its custom resources for the release of their CRDs.
 */
export const applicationLayers = defineCapability({
  name: "application-layers",
  summary: "the application layers: a restricted namespace each, workload, service, autoscaler, PDB, quota and default-deny network policies",
  // Credentials: its spec says which Secrets each layer's container reads (env or files).
  needs: ["cluster", "mesh", "secrets", "gitops", "credentials"],
  // Its pods wait for the nodes, the injector, the device plugin, the data services their dependsOn names; its custom resources for their CRDs.
  consumesLayerHooks: true,
  namespaces: [],
  charts: [],
  images: [],
  crdGroups: [],
  resolve: () => ({}),
  desiredState(_spec, context) {
    const platform = platformOf(context.platform, context.resolved);
    const waves = startupWaves(platform.layers);
    return startupOrder(platform.layers).map((layer) => {
      const wave = waves.get(layer.name)!;
      return {
        name: layer.name,
        helmCharts: [],
        objects: applicationLayerObjects(layer, platform, context.remoteKeyPrefix, context.layerObjects(layer)),
        ...(wave > 0 ? { startupWave: wave } : {}),
      };
    });
  },
  deploy(_spec, context): ApplicationLayers {
    const platform = platformOf(context.platform, context.resolved);
    const provider = context.handle(cluster)!.kubernetesProvider;
    const layers: Record<string, ApplicationLayer> = {};
    // In startup order: a layer's pods wait for the Deployments of the layers its dependsOn names, which must exist to be named.
    for (const layer of startupOrder(platform.layers)) {
      layers[layer.name] = new (applicationLayerComponents().ApplicationLayer)(
        layer.name,
        {
          layer,
          platform,
          remoteKeyPrefix: context.remoteKeyPrefix,
          provider,
          contributed: context.layerObjects(layer),
          workloadDependsOn: [...context.layerPodsWaitFor(layer), ...layer.dependsOn.layers.flatMap((name) => layers[name].workloads)],
          customResourceDependsOn: (object) => context.crdInstallers(object),
        },
        { parent: context.parent },
      );
    }
    return { layers };
  },
  outputs(handle) {
    const layers: Record<string, pulumi.Input<LayerOutputs>> = {};
    const tenantNamespaces: Record<string, pulumi.Output<string>[]> = {};
    for (const [name, layer] of Object.entries(handle.layers)) {
      layers[name] = pulumiSdk().output({ namespace: layer.namespace, serviceAccountName: layer.serviceAccountName, serviceHost: layer.serviceHost, servicePort: layer.servicePort });
      if (layer.tenant) (tenantNamespaces[layer.tenant] ??= []).push(layer.namespace);
    }
    const tenants = Object.fromEntries(Object.entries(tenantNamespaces).map(([tenant, namespaces]) => [tenant, pulumiSdk().output({ namespaces })]));
    return { layers: pulumiSdk().output(layers), ...(Object.keys(tenants).length ? { tenants: pulumiSdk().output(tenants) } : {}) };
  },
});

