import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "../config/spec";
import { ApplicationLayer } from "./application-layer";

export interface PlatformArgs {
  /** The resolved stack config. */
  spec: PlatformSpec;
  /** The cluster the Kubernetes layers are created in. */
  kubernetesProvider: k8s.Provider;
  /**
   * Stack config keys whose value is a Pulumi secret. What is built from them is registered as secret, so
   * that state never holds the value in plain text.
   */
  secretConfigKeys?: string[];
}

/** The whole platform of one stack: composes every layer. Layers depend on nothing but what they need. */
export class Platform extends pulumi.ComponentResource {
  static readonly type = "strata:platform:Platform";

  /** The application layers, by name. */
  readonly applicationLayers: Readonly<Record<string, ApplicationLayer>>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Platform.type, name, {}, opts);
    const layers: Record<string, ApplicationLayer> = {};
    const secret = args.secretConfigKeys?.includes("layers") ?? false;
    for (const layer of args.spec.layers) {
      layers[layer.name] = new ApplicationLayer(layer.name, { layer, platform: args.spec, provider: args.kubernetesProvider, secret }, { parent: this });
    }
    this.applicationLayers = layers;
    this.registerOutputs({});
  }
}
