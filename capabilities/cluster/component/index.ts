import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EksClusterSpec } from "../spec";
import { clusterAddons, clusterKubernetesObjects, nodeGroupPlans, type AddonName } from "../desired-state";
import { endpointServicesFor } from "../endpoints";
import { KarpenterNodes } from "./karpenter-nodes";
import { bucketPurposes, type BucketPurpose } from "../../../platform/buckets";
import { nodePoolNames, type NodePool } from "../../../platform/placement";
import { registerKubernetesObjects } from "../../../components/kubernetes-objects";
import { registerAddons } from "./addons";
import { HardenedBucket } from "../../../components/hardened-bucket";
import { EksCluster } from "./eks-cluster";
import { IrsaRole, type OidcProviderRef } from "../../../components/irsa";
import { clusterKubernetesProvider, eksKubeconfigOutput } from "./kubeconfig";
import type { ClusterLayer, ClusterOutputs } from "./layer";
import { Network } from "./network";
import { NodeGroups } from "./node-groups";

export { HardenedBucket, type HardenedBucketArgs } from "../../../components/hardened-bucket";
export { EksCluster, type EksClusterArgs } from "./eks-cluster";
export { ExistingCluster, type ExistingClusterArgs } from "./existing";
export { IrsaRole, type IrsaRoleArgs, type OidcProviderRef } from "../../../components/irsa";
export type { ClusterLayer, ClusterOutputs, EksClusterOutputs, ExistingClusterOutputs } from "./layer";
export { Network, type NetworkArgs } from "./network";
export { NodeGroups, type NodeGroupsArgs } from "./node-groups";
export { KarpenterNodes, type KarpenterNodesArgs } from "./karpenter-nodes";

export interface ClusterArgs {
  /** The resolved cluster config. */
  spec: EksClusterSpec;
  /** The EKS cluster's name (the config's, or derived from the project and stack). */
  clusterName: string;
  /** The AWS provider every AWS resource is created with. */
  awsProvider: pulumi.ProviderResource;
}

/** The longest prefix S3 accepts for a generated bucket name. */
const MAX_BUCKET_PREFIX = 37;

function bucketPrefix(clusterName: string, purpose: BucketPurpose): string {
  const room = MAX_BUCKET_PREFIX - purpose.length - 2;
  return `${clusterName.slice(0, room).replace(/-+$/, "")}-${purpose}-`;
}

/**
 * A Strata cluster on EKS, from nothing: the network, the control plane, IRSA roles and managed add-ons,
 * node groups per pool, a KMS key and hardened buckets for the platform's data, the default StorageClass,
 * and the Kubernetes provider every Kubernetes layer uses. Every AWS resource is created with the given
 * AWS provider and has an explicit parent.
 *
 * Order: network → control plane → IRSA roles and the CNI/proxy add-ons → node groups → CoreDNS and
 * the EBS CSI driver (they run on the system pool) → the StorageClass.
 */
export class Cluster extends pulumi.ComponentResource implements ClusterLayer {
  static readonly type = "strata:cluster:Cluster";

  readonly mode = "eks" as const;
  readonly network: Network;
  readonly eks: EksCluster;
  readonly nodeGroups: NodeGroups;
  /** Karpenter's node role, instance profile, access entry and security-group tag (autoscaling mode karpenter). */
  readonly karpenterNodes?: KarpenterNodes;
  /** IRSA roles of the add-ons that call AWS. */
  readonly addonRoles: ReadonlyMap<AddonName, IrsaRole>;
  readonly addons: ReadonlyMap<AddonName, aws.eks.Addon>;
  /** The KMS key the platform's buckets encrypt with. Later layers' IRSA roles need to use it. */
  readonly storageKey: aws.kms.Key;
  readonly buckets: Record<BucketPurpose, HardenedBucket>;
  readonly bucketNames: Record<BucketPurpose, pulumi.Output<string>>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly kubernetesProvider: k8s.Provider;
  readonly oidcProvider: OidcProviderRef;
  readonly outputs: pulumi.Output<ClusterOutputs>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Cluster.type, name, {}, opts);
    const spec = args.spec;
    const provider = args.awsProvider;
    const invoke = { parent: this, provider };
    const partition = aws.getPartitionOutput({}, invoke).partition;
    const region = aws.getRegionOutput({}, invoke).region;
    const zones = availabilityZones(spec, invoke);

    const karpenter = spec.autoscaling.mode === "karpenter";
    this.network = new Network(
      name,
      {
        clusterName: args.clusterName,
        vpcCidr: spec.vpcCidr,
        availabilityZones: zones,
        natGateways: spec.natGateways,
        region,
        endpointServices: endpointServicesFor(spec.autoscaling.mode),
        karpenterDiscovery: karpenter,
        provider,
      },
      { parent: this },
    );
    this.eks = new EksCluster(
      name,
      {
        clusterName: args.clusterName,
        kubernetesVersion: spec.kubernetesVersion,
        subnetIds: this.network.privateSubnetIds,
        endpoint: spec.endpoint,
        logTypes: spec.logTypes,
        logRetentionDays: spec.logRetentionDays,
        accessEntries: spec.accessEntries,
        partition,
        provider,
      },
      { parent: this },
    );
    this.oidcProvider = this.eks.oidcProvider;

    const plans = clusterAddons(spec.addonVersions);
    const roles = new Map<AddonName, IrsaRole>();
    for (const plan of plans) {
      if (!plan.irsa) continue;
      roles.set(
        plan.name,
        new IrsaRole(`${name}-${plan.name}`, { oidcProvider: this.oidcProvider, serviceAccount: plan.irsa.serviceAccount, managedPolicies: [plan.irsa.managedPolicy], provider }, { parent: this }),
      );
    }
    this.addonRoles = roles;
    const addonOptions = { parent: this, name, clusterName: this.eks.clusterName, roles, provider };
    const beforeNodes = registerAddons(plans.filter((p) => p.phase === "before-nodes"), addonOptions);

    this.nodeGroups = new NodeGroups(
      name,
      {
        clusterName: this.eks.clusterName,
        kubernetesVersion: this.eks.kubernetesVersion,
        plans: nodeGroupPlans(spec.nodeGroups, zones.length),
        subnetIds: this.network.privateSubnetIds,
        partition,
        dependsOn: [...beforeNodes.values()],
        provider,
      },
      { parent: this },
    );
    if (karpenter) this.karpenterNodes = new KarpenterNodes(`${name}-karpenter-nodes`, { clusterName: args.clusterName, cluster: this.eks.cluster, partition, provider }, { parent: this });
    const afterNodes = registerAddons(plans.filter((p) => p.phase === "after-nodes"), { ...addonOptions, dependsOn: this.nodeGroups.ofPool("system") });
    this.addons = new Map([...beforeNodes, ...afterNodes]);

    this.storageKey = new aws.kms.Key(
      `${name}-storage`,
      { description: `Encryption of the ${args.clusterName} platform's buckets`, enableKeyRotation: true, deletionWindowInDays: 30 },
      { parent: this, provider },
    );
    new aws.kms.Alias(`${name}-storage`, { name: `alias/${args.clusterName}-storage`, targetKeyId: this.storageKey.keyId }, { parent: this, provider });
    const buckets = {} as Record<BucketPurpose, HardenedBucket>;
    for (const bucket of spec.buckets) {
      buckets[bucket.purpose] = new HardenedBucket(
        `${name}-${bucket.purpose}`,
        { namePrefix: bucketPrefix(args.clusterName, bucket.purpose), kmsKeyArn: this.storageKey.arn, lifecycleRules: bucket.lifecycleRules, forceDestroy: bucket.forceDestroy, provider },
        { parent: this },
      );
    }
    this.buckets = buckets;
    this.bucketNames = Object.fromEntries(bucketPurposes.map((p) => [p, buckets[p].bucketName])) as Record<BucketPurpose, pulumi.Output<string>>;

    this.kubeconfig = eksKubeconfigOutput({
      clusterName: this.eks.clusterName,
      endpoint: this.eks.endpoint,
      certificateAuthorityData: this.eks.certificateAuthorityData,
      region,
    });
    this.kubernetesProvider = clusterKubernetesProvider({ kubeconfig: this.kubeconfig }, { parent: this });
    // The StorageClass names the EBS CSI driver as its provisioner: it is usable once the driver runs.
    const ebsCsi = afterNodes.get("aws-ebs-csi-driver")!;
    registerKubernetesObjects(clusterKubernetesObjects(spec), { parent: this, provider: this.kubernetesProvider, dependsOn: [ebsCsi] });

    this.outputs = pulumi.output({
      mode: "eks" as const,
      name: this.eks.clusterName,
      endpoint: this.eks.endpoint,
      oidcProviderArn: this.oidcProvider.arn,
      oidcProviderUrl: this.oidcProvider.url,
      vpcId: this.network.vpcId,
      publicSubnetIds: this.network.publicSubnetIds,
      privateSubnetIds: this.network.privateSubnetIds,
      nodeGroupNames: Object.fromEntries(
        nodePoolNames.map((pool) => [pool, this.nodeGroups.ofPool(pool).map((g) => g.nodeGroupName)] as const).filter(([, groups]) => groups.length > 0),
      ),
      buckets: this.bucketNames,
    });
    this.registerOutputs({ kubeconfig: this.kubeconfig });
  }

  nodeGroupsOf(pool: NodePool): pulumi.Resource[] {
    return this.nodeGroups.ofPool(pool);
  }
}

/** The configured zones, or the first `count` zones the region reports as available (no Local Zones). */
function availabilityZones(spec: EksClusterSpec, invoke: pulumi.InvokeOutputOptions): pulumi.Input<string>[] {
  const zones = spec.availabilityZones;
  if ("names" in zones) return [...zones.names];
  const available = aws.getAvailabilityZonesOutput({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }, invoke);
  return Array.from({ length: zones.count }, (_, i) =>
    available.apply((a) => {
      if (a.names.length <= i) {
        throw new pulumi.RunError(`region ${a.region} has ${a.names.length} available zones; cluster.availabilityZoneCount asks for ${zones.count}`);
      }
      return a.names[i];
    }),
  );
}
