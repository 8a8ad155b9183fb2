import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { devicePluginDesiredState } from "./desired-state";
import { helmRelease } from "../../components/helm-release";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";

export interface NvidiaDevicePluginArgs {
  /** The Kubernetes provider of the cluster the device plugin's DaemonSet is installed in (it runs on GPU nodes only). */
  provider: k8s.Provider;
}

/**
 * The NVIDIA device plugin, from `devicePluginDesiredState`: its namespace and network rules, then the
 * release. It waits for nothing else (a DaemonSet with no GPU node yet is ready; nodes that join get their
 * pod); the layers whose pods ask for GPUs wait for it.
 */
export class NvidiaDevicePlugin extends pulumi.ComponentResource {
  static readonly type = "strata:gpu:NvidiaDevicePlugin";

  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: NvidiaDevicePluginArgs, opts?: pulumi.ComponentResourceOptions) {
    super(NvidiaDevicePlugin.type, name, {}, opts);
    const plan = devicePluginDesiredState();
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    this.release = helmRelease(`${name}-release`, plan.chart, { ...base, dependsOn: [...prerequisites.values()] });
    this.registerOutputs({});
  }
}
