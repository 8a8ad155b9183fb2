import { strict as assert } from "node:assert";
import { labelKeys } from "../platform/labels";
import { assertOk, idOf, inputs, ofType, T } from "./cluster-support";
import { runWithConfig } from "./harness";
import { issue, itRejectsEachCase } from "./invalid-config-support";

/**
 * The GPU pool, complete: NVIDIA instance families (seed 001 asks for p3.2xlarge), GPUs requested by the
 * layers that use them, and the NVIDIA device plugin that makes the nodes' GPUs schedulable.
 */

/** Seed 001's GPU pool: p3.2xlarge, 1/4/8, 200 GiB, on-demand. */
const SEED_GPU_POOL = { instanceTypes: ["p3.2xlarge"], minSize: 1, desiredSize: 4, maxSize: 8, diskSizeGiB: 200 };

describe("GPU instance families", () => {
  it("p3.2xlarge is a gpu pool type: the pool gets the NVIDIA node image and the seed's sizes", async () => {
    const run = assertOk(await runWithConfig({ profile: "prod", cluster: { nodeGroups: { gpu: SEED_GPU_POOL } } }));
    const gpu = ofType(run, T.nodeGroup).filter((g) => inputs(g).labels?.[labelKeys.nodePool] === "gpu");
    assert.equal(gpu.length, 1);
    assert.deepEqual(inputs(gpu[0]).instanceTypes, ["p3.2xlarge"]);
    assert.equal(inputs(gpu[0]).amiType, "AL2023_x86_64_NVIDIA");
    assert.equal(inputs(gpu[0]).capacityType, "ON_DEMAND");
    assert.deepEqual(inputs(gpu[0]).scalingConfig, { minSize: 1, desiredSize: 4, maxSize: 8 });
    const template = ofType(run, T.launchTemplate).find((t) => idOf(t) === inputs(gpu[0]).launchTemplate.id)!;
    assert.equal(inputs(template).blockDeviceMappings[0].ebs.volumeSize, 200);
  });

  itRejectsEachCase([
    {
      title: "p3 and p3dn outside the gpu pool",
      config: { profile: "prod", cluster: { nodeGroups: { "on-demand": { instanceTypes: ["p3.2xlarge"] }, stateful: { instanceTypes: ["p3dn.24xlarge"] } } } },
      issues: [
        issue("cluster.nodeGroups.on-demand.instanceTypes[0]", /"p3\.2xlarge" is a GPU instance type: put GPU capacity in the gpu pool/),
        issue("cluster.nodeGroups.stateful.instanceTypes[0]", /"p3dn\.24xlarge" is a GPU instance type/),
      ],
    },
    {
      title: "an NVIDIA family of the ARM image (g5g) is not offered",
      config: { profile: "prod", cluster: { nodeGroups: { gpu: { instanceTypes: ["g5g.xlarge"] } } } },
      issues: [issue("cluster.nodeGroups.gpu.instanceTypes[0]", /unknown instance family "g5g"/)],
    },
  ]);
});
