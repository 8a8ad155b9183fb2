import { strict as assert } from "node:assert";
import { evaluatePodSecurity, POD_SPEC_EXTRACTORS, type PodSecurityVersion } from "../policies/pod-security";
import { POD_SECURITY_VERSION } from "../platform/versions";
import { kubernetesObjects, objectsOfKind, stackRun, STACKS } from "./harness";

/** The stacks meet their own namespaces' level: every pod template they register is restricted. */

const VERSIONS: PodSecurityVersion[] = [POD_SECURITY_VERSION as PodSecurityVersion, "latest"];

describe("Pod Security rules on the stacks", () => {
  for (const stack of STACKS) {
    for (const version of VERSIONS) {
      it(`${stack}: every registered pod template has zero restricted violations at ${version}`, async () => {
        const objects = kubernetesObjects((await stackRun(stack)).resources);
        const podBearing = objects.filter((o) => POD_SPEC_EXTRACTORS.podSpecsOf(o).length > 0);
        // One workload per layer: the check must have something to check.
        assert.equal(podBearing.length, objectsOfKind(objects, "Namespace").length, "one pod-bearing object per layer");
        const violations = podBearing.flatMap((o) => evaluatePodSecurity(o, { level: "restricted", version }));
        assert.deepEqual(violations, []);
      });
    }
  }
});
