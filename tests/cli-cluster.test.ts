import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { profilePolicyConfigPath } from "../cli/policy-config";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { strata as cli, type CliResult } from "./cli-support";
import { PROJECT_DIR } from "./harness";

/** `strata check` (in this process, as the built CLI runs it) and the cluster: the AWS graph of an EKS stack, and an existing-cluster stack. */

const strata = (...args: string[]) => cli(args);

interface Resource {
  urn: string;
  type: string;
  name: string;
  parent: string | null;
  dependsOn: string[];
  inputs: Record<string, any>;
}

/** What the AWS side of a Strata EKS stack consists of, at least. */
const AWS_TYPES = [
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:eks/addon:Addon",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  "aws:iam/role:Role",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:kms/key:Key",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketPolicy:BucketPolicy",
];

describe("strata check and the cluster", () => {
  it("--stack prod --json lists the AWS resources, each under the cluster with its parent and dependencies", async () => {
    const { code, stdout, stderr } = await strata("check", "--stack", "prod", "--json");
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as { resources: Resource[]; outputs: Record<string, any> };
    const types = new Set(report.resources.map((r) => r.type));
    for (const type of AWS_TYPES) assert.ok(types.has(type), `no ${type} in the report`);
    const aws = report.resources.filter((r) => r.type.startsWith("aws:"));
    assert.ok(aws.length > 60);
    const urns = new Map(report.resources.map((r) => [r.urn, r]));
    const cluster = report.resources.find((r) => r.type === "strata:cluster:Cluster")!;
    // Besides the cluster's: the IRSA roles of Velero, Thanos, pgBackRest, the Secrets Manager store and the load balancer
    // controller, under their layers; Karpenter's role and its interruption queue with the EventBridge rules feeding it.
    const karpenter = report.resources.find((r) => r.type === "strata:karpenter:Karpenter")!;
    const owners = new Set([
      cluster.urn,
      karpenter.urn,
      ...report.resources
        .filter((r) => ["strata:backup:Backup", "strata:observability:Observability", "strata:data:Postgres", "strata:credentials:Credentials", "strata:edge:Edge"].includes(r.type))
        .map((r) => r.urn),
    ]);
    const interruptionHandling = /^aws:(sqs\/queue|sqs\/queuePolicy|cloudwatch\/eventRule|cloudwatch\/eventTarget):/;
    for (const r of aws) {
      let p = r.parent ? urns.get(r.parent) : undefined;
      while (p && !owners.has(p.urn)) p = p.parent ? urns.get(p.parent) : undefined;
      assert.ok(p, `${r.urn} is not under the Cluster`);
      const queue = p.urn === karpenter.urn && r.parent === karpenter.urn && interruptionHandling.test(r.type);
      if (p.urn !== cluster.urn && !queue) assert.ok(r.urn.includes("strata:cluster:IrsaRole$"), `${r.urn}: a service layer creates only IRSA roles`);
    }
    // prod: private endpoint, three NAT gateways.
    const eks = aws.find((r) => r.type === "aws:eks/cluster:Cluster")!;
    assert.equal(eks.inputs.vpcConfig.endpointPublicAccess, false);
    assert.equal(aws.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").length, 3);
    // Secrets stay masked in the report.
    const provider = report.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
    assert.equal(provider.inputs.kubeconfig, "[secret]");
    assert.equal(report.outputs.kubeconfig, "[secret]");
    assert.equal(report.outputs.cluster.mode, "eks");
  });

  it("the summary counts the cluster as one layer", async () => {
    const { code, stdout } = await strata("check", "--stack", "dev");
    assert.equal(code, 0);
    assert.match(stdout, /^  cluster +\d+$/m);
    // With Karpenter (the default) the system pool alone is a managed node group.
    assert.match(stdout, /^  aws:eks\/nodeGroup:NodeGroup +1$/m);
    assert.match(stdout, /^  karpenter +\d+$/m);
    assert.match(stdout, /^  cluster\.mode = eks$/m);
    assert.match(stdout, /^  kubeconfig = \[secret\]$/m);
  });

  describe("an existing-cluster stack, kubeconfig encrypted in the stack file", () => {
    let dir: string;
    let result: CliResult;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-existing-"));
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
      const cluster = { ...EXISTING, kubeconfig: { secure: "AAABAHvX5f3m0pS9cBq0Vw1Kf1Yl7u2cYw==" } };
      fs.writeFileSync(path.join(dir, "Pulumi.existing.yaml"), stringify({ config: { "strata:profile": "prod", "strata:cluster": cluster, "strata:backup": EXISTING_LAYERS.backup, "strata:observability": EXISTING_LAYERS.observability, "strata:postgres": EXISTING_LAYERS.postgres, "strata:credentials": EXISTING_LAYERS.credentials } }));
      // A prod stack in another directory: the prod pack config, as CI passes it.
      result = await strata("-C", dir, "check", "--stack", "existing", "--json", "--policy-config", profilePolicyConfigPath(PROJECT_DIR, "prod"));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("checks out: exit 0, no AWS resource, the provider's kubeconfig masked", async () => {
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { resources: Resource[]; outputs: Record<string, any> };
      assert.deepEqual(report.resources.filter((r) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws").map((r) => r.type), []);
      const provider = report.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
      assert.equal(provider.inputs.kubeconfig, "[secret]");
      assert.equal(provider.inputs.context, EXISTING.context);
      assert.equal(report.outputs.cluster.mode, "existing");
      assert.deepEqual(report.outputs.cluster.buckets, EXISTING.buckets);
      assert.equal(report.outputs.kubeconfig, "[secret]");
      // Six layers and Thanos query.
      assert.equal(report.resources.filter((r) => r.type === "kubernetes:apps/v1:Deployment").length, 7);
    });
  });
});
