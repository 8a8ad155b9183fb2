import { strict as assert } from "node:assert";
import { karpenterInterruptionQueueName, karpenterNodeInstanceProfileName, KARPENTER_DISCOVERY_TAG } from "../capabilities/cluster";
import { interruptionRules } from "../capabilities/karpenter";
import { awsComputedState } from "../offline/aws-mocks";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { assertOk, EXISTING, EXISTING_LAYERS, fixedPoolsRun, inputs, ofType, policy, REGION, roleArn, roleByArn, T } from "./cluster-support";
import { onlyOne } from "./graph-support";
import { runWithConfig, stackRun, STACKS } from "./harness";

/**
 * Node autoscaling's AWS side under Pulumi's mocks: the controller's IRSA role and its policy scoped to the
 * cluster's tagged resources, the nodes' role, instance profile and EKS access entry, the encrypted
 * interruption queue fed by EventBridge's rules, the discovery tags; none of it in autoscaling mode none or on
 * an existing cluster.
 */

const A = {
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  rule: "aws:cloudwatch/eventRule:EventRule",
  target: "aws:cloudwatch/eventTarget:EventTarget",
  instanceProfile: "aws:iam/instanceProfile:InstanceProfile",
  tag: "aws:ec2/tag:Tag",
  component: "strata:karpenter:Karpenter",
  nodes: "strata:cluster:KarpenterNodes",
};
const ACCOUNT = "123456789012";

/** What the mocks computed for a resource: its name (ARNs and URLs are written out from the stack's region below). */
const computed = (r: RecordedResource) => awsComputedState(r.type, r.name, r.inputs) as Record<string, string>;
const queueArn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const ruleArn = (r: RecordedResource) => `arn:aws:events:${REGION}:${ACCOUNT}:rule/${computed(r).name}`;

/** The IRSA role trusted by the karpenter service account, and its inline policy. */
function controllerRole(run: SucceededRun): { role: RecordedResource; document: { Statement: any[] } } {
  const roles = ofType(run, T.role).filter((r) => policy(inputs(r).assumeRolePolicy).Statement[0].Condition?.StringEquals && JSON.stringify(inputs(r).assumeRolePolicy).includes("system:serviceaccount:karpenter:karpenter"));
  const role = onlyOne(roles, "Karpenter controller role");
  const inline = onlyOne(ofType(run, T.rolePolicy).filter((p) => p.parent === role.parent), "controller policy");
  return { role, document: policy(inputs(inline).policy) };
}

describe("Karpenter's AWS resources", function () {
  this.timeout(120_000);
  for (const stack of STACKS) {
    describe(stack, () => {
      const cluster = `strata-${stack}`;

      it(`${stack}: the controller's IRSA role trusts only karpenter/karpenter; its policy launches, tags and terminates only what carries this cluster's tags, passes only the nodes' role`, async () => {
        const run = await stackRun(stack);
        const { role, document } = controllerRole(run);
        const trust = policy(inputs(role).assumeRolePolicy).Statement[0];
        assert.equal(trust.Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepEqual(Object.values(trust.Condition.StringEquals).sort(), ["sts.amazonaws.com", "system:serviceaccount:karpenter:karpenter"]);
        const bySid = new Map(document.Statement.map((s: any) => [s.Sid, s]));
        const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${cluster}`]: "owned" };
        const requestOwned = { [`aws:RequestTag/kubernetes.io/cluster/${cluster}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": cluster };
        assert.deepEqual(bySid.get("AllowScopedEC2LaunchTemplateAccessActions").Condition, { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } });
        assert.deepEqual(bySid.get("AllowScopedEC2InstanceActionsWithTags").Condition, { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } });
        assert.deepEqual(bySid.get("AllowScopedDeletion").Action, ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"]);
        assert.deepEqual(bySid.get("AllowScopedDeletion").Condition, { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } });
        assert.deepEqual(bySid.get("AllowScopedResourceCreationTagging").Condition.StringEquals["ec2:CreateAction"], ["RunInstances", "CreateFleet", "CreateLaunchTemplate"]);
        // Only the nodes' role may be passed, to EC2 only; DescribeCluster of this cluster only; the queue only.
        const nodes = onlyOne(ofType(run, A.instanceProfile), "instance profile");
        const nodeRole = ofType(run, T.role).find((r) => computed(r).name === inputs(nodes).role)!;
        assert.equal(bySid.get("AllowPassingInstanceRole").Resource, roleArn(nodeRole));
        assert.deepEqual(bySid.get("AllowPassingInstanceRole").Condition, { StringEquals: { "iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"] } });
        assert.equal(bySid.get("AllowAPIServerEndpointDiscovery").Resource, `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/${cluster}`);
        const queue = onlyOne(ofType(run, A.queue), "interruption queue");
        assert.equal(bySid.get("AllowInterruptionQueueActions").Resource, queueArn(inputs(queue).name));
        assert.deepEqual(bySid.get("AllowRegionalReadActions").Condition, { StringEquals: { "aws:RequestedRegion": REGION } });
        // Nothing unscoped that writes; no IAM instance-profile management (Strata's profile); no pricing (isolatedVPC).
        const actions = document.Statement.flatMap((s: any) => [s.Action].flat());
        for (const s of document.Statement) {
          if (s.Resource === "*") assert.ok([s.Action].flat().every((a: string) => /^ec2:Describe/.test(a)), `${s.Sid}: unscoped ${s.Action}`);
        }
        assert.ok(!actions.some((a: string) => a.includes("*")), "a wildcard action");
        assert.ok(!actions.some((a: string) => /^iam:(Create|Delete|Add|Remove|Tag|Get|List)/.test(a)), "instance-profile management");
        assert.ok(!actions.includes("pricing:GetProducts"));
        // Terminating is allowed in the scoped statement only.
        assert.deepEqual(document.Statement.filter((s: any) => [s.Action].flat().includes("ec2:TerminateInstances")).map((s: any) => s.Sid), ["AllowScopedDeletion"]);
      });

      it(`${stack}: the nodes' own role (worker, registry-pull, SSM policies) in an instance profile of a known name, and an EC2_LINUX access entry for it`, async () => {
        const run = await stackRun(stack);
        const profile = onlyOne(ofType(run, A.instanceProfile), "instance profile");
        assert.equal(inputs(profile).name, karpenterNodeInstanceProfileName(cluster));
        const role = ofType(run, T.role).find((r) => computed(r).name === inputs(profile).role)!;
        assert.ok(role, "the profile holds no role of the stack");
        assert.equal(policy(inputs(role).assumeRolePolicy).Statement[0].Principal.Service, "ec2.amazonaws.com");
        const attached = ofType(run, T.attachment).filter((a) => inputs(a).role === computed(role).name).map((a) => inputs(a).policyArn).sort();
        assert.deepEqual(attached, [
          "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
          "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
          "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        ]);
        const entry = onlyOne(ofType(run, T.accessEntry).filter((e) => inputs(e).type === "EC2_LINUX"), "node access entry");
        assert.equal(inputs(entry).principalArn, roleArn(role));
        assert.equal(inputs(entry).clusterName, cluster);
        // A role of its own: not the managed node groups'.
        const groupRoles = new Set(ofType(run, T.nodeGroup).map((g) => inputs(g).nodeRoleArn));
        assert.equal(groupRoles.size, 1);
        assert.notEqual(roleByArn(run, [...groupRoles][0]).urn, role.urn);
      });

      it(`${stack}: an encrypted SQS queue fed only by the five EventBridge rules (spot interruption, rebalance, scheduled change, state change, reservation interruption), TLS only`, async () => {
        const run = await stackRun(stack);
        const queue = onlyOne(ofType(run, A.queue), "interruption queue");
        assert.deepEqual([inputs(queue).name, inputs(queue).sqsManagedSseEnabled, inputs(queue).messageRetentionSeconds], [karpenterInterruptionQueueName(cluster), true, 300]);
        const rules = ofType(run, A.rule);
        assert.deepEqual(
          rules.map((r) => JSON.parse(inputs(r).eventPattern)).sort((a, b) => a["detail-type"][0].localeCompare(b["detail-type"][0])),
          [
            { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Capacity Reservation Instance Interruption Warning"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Instance Rebalance Recommendation"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"] },
            { source: ["aws.ec2"], "detail-type": ["EC2 Spot Instance Interruption Warning"] },
          ],
        );
        assert.equal(rules.length, interruptionRules.length);
        const targets = ofType(run, A.target);
        assert.deepEqual(targets.map((t) => inputs(t).rule).sort(), rules.map((r) => computed(r).name).sort(), "one target per rule");
        const arn = queueArn(inputs(queue).name);
        for (const t of targets) assert.equal(inputs(t).arn, arn);
        const queuePolicy = policy(inputs(onlyOne(ofType(run, A.queuePolicy), "queue policy")).policy);
        assert.equal(inputs(onlyOne(ofType(run, A.queuePolicy), "queue policy")).queueUrl, `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${inputs(queue).name}`);
        const [send, deny] = queuePolicy.Statement;
        assert.deepEqual([send.Effect, send.Principal, send.Action, send.Resource], ["Allow", { Service: "events.amazonaws.com" }, "sqs:SendMessage", arn]);
        assert.deepEqual([...send.Condition.ArnEquals["aws:SourceArn"]].sort(), rules.map(ruleArn).sort());
        assert.deepEqual([deny.Effect, deny.Principal, deny.Action, deny.Condition], ["Deny", "*", "sqs:*", { Bool: { "aws:SecureTransport": "false" } }]);
      });

      it(`${stack}: the discovery tag on the private subnets (not the public ones) and on the EKS cluster security group`, async () => {
        const run = await stackRun(stack);
        const subnets = ofType(run, T.subnet);
        for (const s of subnets) assert.equal(inputs(s).tags[KARPENTER_DISCOVERY_TAG], s.name.includes("-private-") ? cluster : undefined, s.name);
        const tag = onlyOne(ofType(run, A.tag), "security group tag");
        const eks = onlyOne(ofType(run, T.eks), "EKS cluster");
        assert.deepEqual([inputs(tag).key, inputs(tag).value], [KARPENTER_DISCOVERY_TAG, cluster]);
        assert.equal(inputs(tag).resourceId, (awsComputedState(eks.type, eks.name, eks.inputs) as any).vpcConfig.clusterSecurityGroupId);
      });

      it(`${stack}: the release waits for its role, the queue's policy and targets and the system nodes; NodePools and EC2NodeClasses for the release, the instance profile, the access entry and the tag`, async () => {
        const run = await stackRun(stack);
        const release = onlyOne(run.resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === "oci://public.ecr.aws/karpenter/karpenter"), "Karpenter release");
        const { role } = controllerRole(run);
        const needs = (r: RecordedResource, of: RecordedResource) => assert.ok(r.dependsOn.includes(of.urn) || r.dependsOn.includes(of.parent!), `${r.name} does not wait for ${of.name}`);
        needs(release, role);
        needs(release, onlyOne(ofType(run, A.queuePolicy), "queue policy"));
        for (const target of ofType(run, A.target)) needs(release, target);
        for (const g of ofType(run, T.nodeGroup)) needs(release, g);
        const custom = run.resources.filter((r) => ["NodePool", "EC2NodeClass"].includes(String(r.inputs.kind)));
        assert.equal(custom.filter((r) => r.inputs.kind === "NodePool").length, 3);
        assert.ok(custom.some((r) => r.inputs.kind === "EC2NodeClass"));
        for (const r of custom) {
          for (const of of [release, onlyOne(ofType(run, A.instanceProfile), "profile"), onlyOne(ofType(run, T.accessEntry).filter((e) => inputs(e).type === "EC2_LINUX"), "entry"), onlyOne(ofType(run, A.tag), "tag")]) needs(r, of);
        }
      });
    });
  }

  it("autoscaling mode none: no Karpenter, no queue, rules, node role, access entry, discovery tags or Karpenter endpoints", async () => {
    const run = await fixedPoolsRun("prod");
    for (const type of [A.component, A.nodes, A.queue, A.queuePolicy, A.rule, A.target, A.instanceProfile, A.tag]) assert.equal(ofType(run, type).length, 0, type);
    assert.ok(!run.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && String(r.inputs.chart).includes("karpenter")));
    assert.ok(ofType(run, T.subnet).every((s) => inputs(s).tags[KARPENTER_DISCOVERY_TAG] === undefined));
    assert.deepEqual(ofType(run, T.vpcEndpoint).map((e) => String(inputs(e).serviceName).split(".").pop()).sort(), ["ec2", "s3", "sts"]);
    assert.equal(ofType(run, T.accessEntry).length, 0);
    assert.ok(!("karpenter" in run.outputs));
  });

  it("an existing cluster: no Karpenter at all (Strata creates nothing in AWS there)", async () => {
    const run = assertOk(await runWithConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS }));
    for (const type of [A.component, A.queue, A.rule, A.instanceProfile]) assert.equal(ofType(run, type).length, 0, type);
    assert.ok(!run.resources.some((r) => r.type.startsWith("aws:")));
  });
});
