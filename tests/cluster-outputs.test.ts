import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { nodePools } from "../platform/placement";
import { assertOk, fixedPoolsRun, idOf, inputs, ofType, T } from "./cluster-support";
import { onlyOne } from "./graph-support";
import { runWithConfig, stackRun, STACKS } from "./harness";

const EKS_OUTPUT_KEYS = ["buckets", "endpoint", "mode", "name", "nodeGroupNames", "oidcProviderArn", "oidcProviderUrl", "privateSubnetIds", "publicSubnetIds", "vpcId"];

describe("cluster outputs", () => {
  for (const stack of STACKS) {
    it(`${stack}: name, endpoint, OIDC provider, VPC and subnets (in zone order), node group names per pool and bucket names, from the resources`, async () => {
      const run = await stackRun(stack);
      const out = run.outputs.cluster as any;
      assert.deepEqual(Object.keys(out).sort(), EKS_OUTPUT_KEYS);
      assert.equal(out.mode, "eks");
      const eks = inputs(onlyOne(ofType(run, T.eks), "EKS cluster"));
      assert.equal(out.name, eks.name);
      assert.equal(out.name, `strata-${stack}`);
      assert.match(out.endpoint, /^https:\/\/[0-9A-F]{32}\.gr7\.eu-west-1\.eks\.amazonaws\.com$/);
      const oidc = inputs(onlyOne(ofType(run, T.oidc), "OIDC provider"));
      assert.equal(out.oidcProviderUrl, oidc.url);
      assert.equal(out.oidcProviderArn, `arn:aws:iam::123456789012:oidc-provider/${oidc.url.replace("https://", "")}`);
      assert.equal(out.vpcId, idOf(ofType(run, T.vpc)[0]));
      for (const tier of ["public", "private"] as const) {
        const ids: string[] = out[`${tier}SubnetIds`];
        assert.equal(ids.length, 3);
        const zones = ids.map((id) => inputs(ofType(run, T.subnet).find((s) => idOf(s) === id)!).availabilityZone);
        assert.deepEqual(zones, ["eu-west-1a", "eu-west-1b", "eu-west-1c"], `${tier} subnets out of zone order`);
      }
      // With Karpenter only the system pool is a node group; with fixed pools (mode none) every pool is.
      for (const [withGroups, pools] of [
        [run, ["system"]],
        [await fixedPoolsRun(stack), ["on-demand", "spot", "stateful", "system"]],
      ] as const) {
        const names = (withGroups.outputs.cluster as any).nodeGroupNames as Record<string, string[]>;
        const groups = ofType(withGroups, T.nodeGroup);
        assert.deepEqual(Object.keys(names).sort(), pools);
        for (const [pool, ofNames] of Object.entries(names)) {
          const ofPool = groups.filter((g) => inputs(g).labels[Object.keys(nodePools.system.nodeLabels)[0]] === pool);
          assert.equal(ofNames.length, ofPool.length, pool);
          assert.equal(ofNames.length, pool === "stateful" ? 3 : 1, pool);
          for (const [i, name] of ofNames.entries()) assert.ok(name.startsWith(inputs(ofPool[i]).nodeGroupNamePrefix), `${pool}: ${name}`);
        }
      }
      for (const [purpose, name] of Object.entries(out.buckets as Record<string, string>)) {
        const bucket = ofType(run, T.bucket).find((b) => b.name.endsWith(`-${purpose}`))!;
        assert.ok(name.startsWith(inputs(bucket).bucketPrefix), purpose);
      }
    });

    it(`${stack}: the kubeconfig output is secret, and so is the provider's; it reaches the cluster with \`aws eks get-token\``, async () => {
      const run = await stackRun(stack);
      assert.ok(run.secretOutputs.includes("kubeconfig"));
      assert.equal(run.outputs.kubeconfig, "[secret]");
      const provider = onlyOne(ofType(run, "pulumi:providers:kubernetes"), "Kubernetes provider");
      const wrapped = provider.inputs.kubeconfig as Record<string, unknown>;
      assert.equal(wrapped[pulumi.runtime.specialSigKey], pulumi.runtime.specialSecretSig, "the provider's kubeconfig is not a secret");
      const config = JSON.parse(wrapped.value as string);
      const out = run.outputs.cluster as { name: string; endpoint: string };
      const eks = onlyOne(ofType(run, T.eks), "EKS cluster");
      assert.equal(config["current-context"], out.name);
      assert.equal(config.clusters[0].cluster.server, out.endpoint);
      assert.ok(Buffer.from(config.clusters[0].cluster["certificate-authority-data"], "base64").toString().includes(inputs(eks).name));
      const exec = config.users[0].user.exec;
      assert.equal(exec.command, "aws");
      assert.deepEqual(exec.args, ["eks", "get-token", "--cluster-name", out.name, "--region", "eu-west-1", "--output", "json"]);
      assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
      // No credential in it (no token, client key or password): the token is fetched at use.
      assert.equal(config.users.length, 1);
      assert.deepEqual(Object.keys(config.users[0].user), ["exec"]);
      assert.ok(provider.dependsOn.includes(eks.urn));
    });
  }

  it("a configured name and a GPU pool show in the outputs", async () => {
    const run = assertOk(await runWithConfig({ profile: "dev", cluster: { name: "ideation", autoscaling: { mode: "none" }, nodeGroups: { gpu: {} } } }));
    const out = run.outputs.cluster as { name: string; nodeGroupNames: Record<string, string[]>; buckets: Record<string, string> };
    assert.equal(out.name, "ideation");
    assert.equal(out.nodeGroupNames.gpu.length, 1);
    assert.ok(out.buckets.backups.startsWith("ideation-backups-"));
  });
});
