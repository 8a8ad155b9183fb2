import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, serviceTrustPolicy } from "../../../manifests/aws-iam";
import type { NodeGroupPlan } from "../node-groups";
import type { NodePool } from "../../../platform/placement";

export interface NodeGroupsArgs {
  clusterName: pulumi.Input<string>;
  /** The nodes' Kubernetes version: the control plane's, so that an upgrade rolls the nodes after it. */
  kubernetesVersion: pulumi.Input<string>;
  /** The node groups, from ../node-groups.ts. */
  plans: NodeGroupPlan[];
  /** The private subnet of each zone, in zone order. */
  subnetIds: pulumi.Input<string>[];
  /** The AWS partition, for managed policy ARNs. */
  partition: pulumi.Input<string>;
  /** What must exist before a node joins (the CNI add-on: a node without it never becomes Ready). */
  dependsOn?: pulumi.Resource[];
  /** The AWS provider every resource is created with. */
  provider: pulumi.ProviderResource;
}

/** AWS managed policies of the node role. The VPC CNI has its own IRSA role, so not AmazonEKS_CNI_Policy. */
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"] as const;

/** The root volume of the AL2023 node images. */
const ROOT_DEVICE = "/dev/xvda";

/**
 * The managed node groups, one per plan, sharing one node role. Each gets a launch template: an encrypted
 * gp3 root volume of the configured size, and IMDSv2 only (hop limit 2, which pods on the host network
 * such as the VPC CNI need). EKS picks the image (amiType). The sizes are config's on every update: Karpenter,
 * when it runs, sizes the other pools with NodePools and never touches a node group.
 */
export class NodeGroups extends pulumi.ComponentResource {
  static readonly type = "strata:cluster:NodeGroups";

  readonly role: aws.iam.Role;
  /** By plan key ("system", "stateful-0", ...). */
  readonly nodeGroups: ReadonlyMap<string, aws.eks.NodeGroup>;
  private readonly plans: NodeGroupPlan[];

  constructor(name: string, args: NodeGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(NodeGroups.type, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const n = (suffix: string) => `${name}-${suffix}`;
    this.plans = args.plans;

    this.role = new aws.iam.Role(n("nodes"), { assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")), description: "EKS managed node groups" }, child);
    const attachments = NODE_ROLE_POLICIES.map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          n(`nodes-${policy}`),
          { role: this.role.name, policyArn: pulumi.output(args.partition).apply((p) => managedPolicyArn(p, policy)) },
          child,
        ),
    );

    const groups = new Map<string, aws.eks.NodeGroup>();
    for (const plan of args.plans) {
      const tags = { Name: pulumi.interpolate`${args.clusterName}-${plan.key}` };
      const template = new aws.ec2.LaunchTemplate(
        n(plan.key),
        {
          description: `Nodes of the ${plan.pool} pool`,
          updateDefaultVersion: true,
          metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 2 },
          blockDeviceMappings: [
            { deviceName: ROOT_DEVICE, ebs: { volumeSize: plan.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
          ],
          tagSpecifications: [
            { resourceType: "instance", tags },
            { resourceType: "volume", tags },
          ],
        },
        child,
      );
      groups.set(
        plan.key,
        new aws.eks.NodeGroup(
          n(plan.key),
          {
            clusterName: args.clusterName,
            nodeGroupNamePrefix: `${plan.key}-`,
            version: args.kubernetesVersion,
            nodeRoleArn: this.role.arn,
            subnetIds: plan.zones.map((zone) => args.subnetIds[zone]),
            amiType: plan.amiType,
            capacityType: plan.capacityType,
            instanceTypes: plan.instanceTypes,
            labels: plan.labels,
            taints: plan.taints,
            scalingConfig: plan.scaling,
            updateConfig: { maxUnavailable: 1 },
            launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
            tags,
          },
          { ...child, dependsOn: [...attachments, ...(args.dependsOn ?? [])] },
        ),
      );
    }
    this.nodeGroups = groups;
    this.registerOutputs({});
  }

  /** The node groups of one pool (none when the pool has no group). */
  ofPool(pool: NodePool): aws.eks.NodeGroup[] {
    return this.plans.filter((p) => p.pool === pool).map((p) => this.nodeGroups.get(p.key)!);
  }
}
