import * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "../config/layers/spec";
import type { DataServiceName } from "../platform/data-services";
import { startupOrder } from "../capabilities/application-layers/startup";
import { ApplicationLayer } from "../capabilities/application-layers/component";
import { Backup } from "../capabilities/backup/component";
import { Cluster, ExistingCluster, type ClusterLayer } from "../capabilities/cluster/component";
import { NvidiaDevicePlugin } from "../capabilities/nvidia-device-plugin/component";
import { KafkaLayer } from "../capabilities/kafka/component";
import { PostgresLayer } from "../capabilities/postgres/component";
import { RedisLayer } from "../capabilities/redis/component";
import { remoteKeyPrefix } from "../manifests/external-secret";
import { needsDevicePlugin } from "../capabilities/nvidia-device-plugin/desired-state";
import { Mesh } from "../capabilities/mesh/component";
import { Observability } from "../capabilities/observability/component";

export interface PlatformArgs {
  /** The resolved stack config. */
  spec: PlatformSpec;
  /** The cluster's name: the config's, or derived from the project and stack (`defaultClusterName`). */
  clusterName: string;
  /** The AWS provider every AWS resource is created with; required for an EKS cluster, unused for an existing one. */
  awsProvider?: pulumi.ProviderResource;
  /**
   * Stack config keys whose value is a Pulumi secret. What is built from them is registered as secret, so
   * that state never holds the value in plain text.
   */
  secretConfigKeys?: string[];
  /** The stack's `aws:region`, when set (the data layers' backups need the region in existing-cluster mode). */
  awsRegion?: string;
  /** The stack's name (an external label of every metric); default: the running stack's. */
  stackName?: string;
}

/**
 * The whole platform of one stack: composes every layer. The cluster comes first (created on EKS, or an
 * existing one); every Kubernetes layer is created with its provider. Layers depend on nothing but what
 * they need: an application layer's pods wait for the node groups of their capacity class and the mesh's
 * injector, and for nothing else unless its `dependsOn` names it.
 */
export class Platform extends pulumi.ComponentResource {
  static readonly type = "strata:platform:Platform";

  /** The cluster layer. */
  readonly cluster: ClusterLayer;
  /** The application layers, by name. */
  readonly applicationLayers: Readonly<Record<string, ApplicationLayer>>;
  /** The data layers; each absent when not deployed. */
  readonly kafka?: KafkaLayer;
  readonly postgres?: PostgresLayer;
  readonly redis?: RedisLayer;
  /** The NVIDIA device plugin; absent without GPU nodes. */
  readonly devicePlugin?: NvidiaDevicePlugin;
  /** The platform service layers. */
  readonly mesh: Mesh;
  readonly backup: Backup;
  readonly observability: Observability;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Platform.type, name, {}, opts);
    const cluster = args.spec.cluster;
    if (cluster.mode === "eks") {
      if (!args.awsProvider) throw new Error("an EKS cluster needs an AWS provider (PlatformArgs.awsProvider)");
      this.cluster = new Cluster("cluster", { spec: cluster, clusterName: args.clusterName, awsProvider: args.awsProvider }, { parent: this });
    } else {
      this.cluster = new ExistingCluster("cluster", { spec: cluster }, { parent: this });
    }

    const provider = this.cluster.kubernetesProvider;
    const stack = args.stackName ?? pulumi.getStack();
    if (needsDevicePlugin(args.spec)) this.devicePlugin = new NvidiaDevicePlugin("nvidia-device-plugin", { provider }, { parent: this });
    const systemNodes = this.cluster.nodeGroupsOf("system");
    // The mesh first: every application pod needs its injector, every layer's mesh objects its CRDs.
    this.mesh = new Mesh("mesh", { platform: args.spec, provider, workloadDependsOn: systemNodes }, { parent: this });
    this.backup = new Backup(
      "backup",
      { platform: args.spec, cluster: this.cluster, provider, awsProvider: args.awsProvider, workloadDependsOn: systemNodes },
      { parent: this },
    );
    this.observability = new Observability(
      "observability",
      {
        platform: args.spec,
        cluster: this.cluster,
        identity: { cluster: args.clusterName, stack },
        provider,
        awsProvider: args.awsProvider,
        nodeGroupsOf: (pool) => this.cluster.nodeGroupsOf(pool),
        meshInjector: this.mesh.injector,
      },
      { parent: this },
    );

    // Data layers: each operator waits for the system pool and the mesh's injector (its namespaces and the
    // data namespace are meshed, and the operator's pods and those it creates need their sidecars), its custom
    // resources for the operator; no data layer waits for another, nor for an application layer. They come
    // before the application layers, whose pods may wait for them (dependsOn).
    const data = { platform: args.spec, provider: this.cluster.kubernetesProvider, operatorDependsOn: [...systemNodes, this.mesh.injector], meshDependsOn: [this.mesh.crds] };
    const spec = args.spec;
    if (spec.kafka) this.kafka = new KafkaLayer("kafka", { ...data, spec: spec.kafka }, { parent: this });
    if (spec.postgres) {
      this.postgres = new PostgresLayer("postgres", { ...data, spec: spec.postgres, cluster: this.cluster, awsProvider: args.awsProvider, awsRegion: args.awsRegion }, { parent: this });
    }
    if (spec.redis) this.redis = new RedisLayer("redis", { ...data, spec: spec.redis }, { parent: this });

    // Application layers last, in startup order: a layer's pods wait for what its dependsOn names (the
    // Deployments of those layers, the clusters of those data services), which must exist to be named.
    const dataClusters: Record<DataServiceName, pulumi.Resource | undefined> = { kafka: this.kafka?.cluster, postgres: this.postgres?.cluster, redis: this.redis?.cluster };
    const layers: Record<string, ApplicationLayer> = {};
    const secret = args.secretConfigKeys?.includes("layers") ?? false;
    const keyPrefix = remoteKeyPrefix(spec.gitops, pulumi.getProject(), stack);
    for (const layer of startupOrder(spec.layers)) {
      const startsAfter = [
        ...layer.dependsOn.layers.flatMap((name) => layers[name].workloads),
        ...layer.dependsOn.dataServices.map((service) => dataClusters[service]!),
      ];
      // Pods that ask for GPUs are scheduled once the device plugin advertises them.
      const devicePlugin = layer.gpus && this.devicePlugin ? [this.devicePlugin.release] : [];
      layers[layer.name] = new ApplicationLayer(
        layer.name,
        {
          layer,
          platform: spec,
          remoteKeyPrefix: keyPrefix,
          provider: this.cluster.kubernetesProvider,
          secret,
          workloadDependsOn: [...this.cluster.nodeGroupsOf(layer.capacityClass), this.mesh.injector, ...devicePlugin, ...startsAfter],
          meshDependsOn: [this.mesh.crds],
        },
        { parent: this },
      );
    }
    this.applicationLayers = layers;
    this.registerOutputs({});
  }
}
