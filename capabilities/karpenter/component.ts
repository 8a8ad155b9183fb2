import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { helmRelease } from "../../components/helm-release";
import { IrsaRole } from "../../components/irsa";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";
import { objectKey } from "../../manifests/kubernetes-object";
import type { NodePool } from "../../platform/placement";
import { karpenterInterruptionQueueName, type Cluster } from "../cluster";
import { karpenterDesiredState } from "./desired-state";
import { karpenterControllerPolicy } from "./iam";
import { interruptionQueuePolicy, interruptionRules, QUEUE_MESSAGE_RETENTION_SECONDS } from "./interruption";
import { KARPENTER_NAMESPACE, KARPENTER_SERVICE_ACCOUNT } from "./names";
import type { KarpenterSpec } from "./spec";

export interface KarpenterArgs {
  /** The resolved `strata:karpenter` config: its NodePools per capacity class and their limits. */
  spec: KarpenterSpec;
  /** The EKS cluster Strata created: its OIDC provider, its Karpenter node role and profile, its system node groups. */
  cluster: Cluster;
  /** The EKS cluster's name: Karpenter's `settings.clusterName` and the discovery tags it selects subnets and security groups by. */
  clusterName: string;
  /** The VPC's CIDR: where the controller's NetworkPolicy lets it reach HTTPS (the EKS API, the VPC's AWS endpoints). */
  vpcCidr: string;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider: Karpenter's controller role and its interruption queue are made with it. */
  awsProvider: pulumi.ProviderResource;
}

/**
 * Karpenter, from `karpenterDesiredState`: the interruption queue (SQS, encrypted) and the EventBridge rules
 * that feed it, the controller's IRSA role (its policy scoped to this cluster's tagged resources), its
 * namespace and network rules, the release on the system pool's node groups, then the EC2NodeClasses and
 * NodePools, which also need the nodes' instance profile, access entry and discovery tag to launch nodes
 * that join.
 */
export class Karpenter extends pulumi.ComponentResource {
  static readonly type = "strata:karpenter:Karpenter";

  readonly queue: aws.sqs.Queue;
  readonly rules: aws.cloudwatch.EventRule[];
  readonly role: IrsaRole;
  readonly release: k8s.helm.v3.Release;
  /** The NodePool of each pool it provisions. */
  readonly nodePools: ReadonlyMap<NodePool, pulumi.CustomResource>;

  constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Karpenter.type, name, {}, opts);
    const nodes = args.cluster.karpenterNodes;
    if (!nodes) throw new Error("Karpenter needs the cluster's Karpenter node role (cluster.autoscaling.mode karpenter)");
    const aws$ = { parent: this, provider: args.awsProvider };
    const n = (suffix: string) => `${name}-${suffix}`;
    const partition = aws.getPartitionOutput({}, aws$).partition;
    const region = aws.getRegionOutput({}, aws$).region;
    const accountId = aws.getCallerIdentityOutput({}, aws$).accountId;

    this.queue = new aws.sqs.Queue(
      n("interruptions"),
      { name: karpenterInterruptionQueueName(args.clusterName), messageRetentionSeconds: QUEUE_MESSAGE_RETENTION_SECONDS, sqsManagedSseEnabled: true },
      aws$,
    );
    this.rules = interruptionRules.map((rule) => new aws.cloudwatch.EventRule(n(rule.name), { description: `Karpenter (${args.clusterName}): ${rule.description}`, eventPattern: JSON.stringify(rule.eventPattern) }, aws$));
    const targets = this.rules.map((rule, i) => new aws.cloudwatch.EventTarget(n(interruptionRules[i].name), { rule: rule.name, arn: this.queue.arn, targetId: "karpenter-interruption-queue" }, aws$));
    const queuePolicy = new aws.sqs.QueuePolicy(
      n("interruptions"),
      { queueUrl: this.queue.url, policy: pulumi.all([this.queue.arn, ...this.rules.map((r) => r.arn)]).apply(([queue, ...rules]) => JSON.stringify(interruptionQueuePolicy(queue, rules))) },
      aws$,
    );

    this.role = new IrsaRole(
      n("controller"),
      {
        oidcProvider: args.cluster.oidcProvider,
        serviceAccount: { namespace: KARPENTER_NAMESPACE, name: KARPENTER_SERVICE_ACCOUNT },
        policy: pulumi
          .all([partition, region, accountId, nodes.roleArn, this.queue.arn])
          .apply(([p, r, a, nodeRoleArn, interruptionQueueArn]) => karpenterControllerPolicy({ partition: p, region: r, accountId: a, clusterName: args.clusterName, nodeRoleArn, interruptionQueueArn })),
        provider: args.awsProvider,
      },
      { parent: this },
    );

    const plan = karpenterDesiredState(args.spec, { clusterName: args.clusterName, vpcCidr: args.vpcCidr, roleArn: this.role.arn });
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    this.release = helmRelease(n("release"), plan.chart, {
      ...base,
      dependsOn: [...prerequisites.values(), this.role, queuePolicy, ...targets, ...args.cluster.nodeGroupsOf("system")],
    });
    const created = registerKubernetesObjects(plan.customResources, { ...base, customResourceDependsOn: [this.release, nodes.instanceProfile, nodes.accessEntry, nodes.securityGroupTag] });
    this.nodePools = new Map(args.spec.pools.map((p) => [p.pool, created.get(objectKey({ apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: p.pool } }))!]));
    this.registerOutputs({ interruptionQueue: this.queue.name, roleArn: this.role.arn });
  }
}
