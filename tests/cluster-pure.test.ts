import { strict as assert } from "node:assert";
import { eksTaintEffects, nodeGroupPlans, amiTypeFor } from "../capabilities/cluster/node-groups";
import { awsComputedState, awsInvoke, OFFLINE_ACCOUNT_ID } from "../offline/aws-mocks";
import { cidrProblem, formatCidr, parseCidr, subnet } from "../platform/cidr";
import { gpusPerInstance, instanceFamilies, instanceTypeProblem, MAX_GPUS_PER_INSTANCE, parseInstanceType } from "../platform/instance-types";
import { nodePools, type TaintEffect } from "../platform/placement";
import { specOf } from "./harness";

describe("cluster building blocks (pure)", () => {
  it("CIDR blocks: parsing, host bits, subdivision", () => {
    assert.deepEqual(parseCidr("10.0.0.0/16"), { address: 10 * 2 ** 24, prefix: 16 });
    assert.equal(parseCidr("10.0.0.256/16"), undefined);
    assert.equal(parseCidr("10.0.0.0/33"), undefined);
    assert.equal(cidrProblem("10.0.0.0/16"), undefined);
    assert.match(cidrProblem("10.0.0.1/16")!, /host bits set.*10\.0\.0\.0\/16/);
    assert.match(cidrProblem("10.0.0.0")!, /not an IPv4 CIDR block/);
    assert.equal(formatCidr(subnet(parseCidr("192.168.0.0/16")!, 24, 255)), "192.168.255.0/24");
    assert.throws(() => subnet(parseCidr("10.0.0.0/16")!, 17, 2), /holds 2 blocks/);
  });

  it("instance types: format, known families, architecture and GPUs", () => {
    assert.deepEqual(parseInstanceType("m7i-flex.2xlarge"), { family: "m7i-flex", size: "2xlarge" });
    assert.deepEqual(parseInstanceType("c6gn.metal"), { family: "c6gn", size: "metal" });
    assert.equal(parseInstanceType("m6i"), undefined);
    assert.equal(parseInstanceType("M6i.large"), undefined);
    assert.equal(instanceTypeProblem("r6i.4xlarge"), undefined);
    assert.match(instanceTypeProblem("q1.large")!, /unknown instance family "q1"/);
    assert.equal(instanceFamilies.m7g.architecture, "arm64");
    assert.equal(instanceFamilies.g5.gpu, true);
    // GPU types: the GPUs of each size; a size the family does not come in is refused with the sizes it does.
    assert.deepEqual(["p3.2xlarge", "p3.8xlarge", "g5.12xlarge", "g6f.large", "m6i.large"].map(gpusPerInstance), [1, 4, 4, 1, undefined]);
    assert.match(instanceTypeProblem("p3.4xlarge")!, /p3 comes in sizes 2xlarge, 8xlarge, 16xlarge/);
    assert.equal(MAX_GPUS_PER_INSTANCE, 8);
    assert.equal(amiTypeFor(["m6i.large", "m5.large"]), "AL2023_x86_64_STANDARD");
    assert.equal(amiTypeFor(["m7g.large"]), "AL2023_ARM_64_STANDARD");
    assert.equal(amiTypeFor(["g5.xlarge"]), "AL2023_x86_64_NVIDIA");
  });

  it("every Kubernetes taint effect has its EKS spelling, and every pool's taints map", () => {
    const effects: TaintEffect[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    assert.deepEqual(effects.map((e) => eksTaintEffects[e]), ["NO_SCHEDULE", "PREFER_NO_SCHEDULE", "NO_EXECUTE"]);
    for (const pool of Object.values(nodePools)) for (const t of pool.taints) assert.ok(eksTaintEffects[t.effect]);
  });

  it("node group plans: per-zone groups for the stateful pool only, keys unique, plans independent of each other", () => {
    const spec = specOf({ profile: "prod", cluster: { autoscaling: { mode: "none" } } }).cluster;
    assert.equal(spec.mode, "eks");
    if (spec.mode !== "eks") return;
    const plans = nodeGroupPlans(spec.nodeGroups, 3);
    assert.deepEqual(plans.map((p) => [p.key, p.zones]), [
      ["system", [0, 1, 2]],
      ["stateful-0", [0]],
      ["stateful-1", [1]],
      ["stateful-2", [2]],
      ["on-demand", [0, 1, 2]],
      ["spot", [0, 1, 2]],
    ]);
    plans[1].labels.extra = "x";
    assert.equal(plans[2].labels.extra, undefined, "per-zone plans share their labels");
    assert.equal(nodePools.stateful.nodeLabels["extra" as never], undefined, "a plan shares the placement definition's labels");
  });

  it("offline AWS answers: fixed and plausible; an AWS invoke without an answer fails instead of echoing", () => {
    const partition = awsInvoke("aws:index/getPartition:getPartition", {});
    assert.deepEqual(partition, { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" });
    assert.equal(awsInvoke("aws:index/getCallerIdentity:getCallerIdentity", {})!.accountId, OFFLINE_ACCOUNT_ID);
    assert.throws(() => awsInvoke("aws:ec2/getVpc:getVpc", {}), /no answer for the AWS invoke aws:ec2\/getVpc:getVpc/);
    assert.equal(awsInvoke("kubernetes:helm:template", {}), undefined, "non-AWS invokes are left to the default");
    const a = awsComputedState("aws:eks/cluster:Cluster", "cluster", { name: "strata-dev" });
    const b = awsComputedState("aws:eks/cluster:Cluster", "cluster", { name: "strata-dev" });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, awsComputedState("aws:eks/cluster:Cluster", "cluster", { name: "strata-prod" }));
    assert.deepEqual(awsComputedState("aws:ec2/vpc:Vpc", "vpc", {}), {});
  });
});
