import { strict as assert } from "node:assert";
import { evaluatePodSecurity, POD_SPEC_EXTRACTORS, type PodSecurityVersion } from "../policies/pod-security";
import { dataServiceTraffic } from "../platform/data-services";
import { POD_SECURITY_VERSION } from "../platform/versions";
import { kubernetesObjects, objectsOfKind, stackRun, STACKS } from "./harness";

/**
 * The stacks meet their own namespaces' level: every pod template they register is restricted, the pods
 * the data layers' custom resources make included (Kafka, KafkaNodePool, PostgresCluster, RedisCluster).
 */

/** The operators' namespaces hold a Helm release only: what it installs is checked with `strata validate`. */
const OPERATOR_NAMESPACES = new Set(Object.values(dataServiceTraffic).map((t) => t.operatorNamespace));

const VERSIONS: PodSecurityVersion[] = [POD_SECURITY_VERSION as PodSecurityVersion, "latest"];

describe("Pod Security rules on the stacks", () => {
  for (const stack of STACKS) {
    for (const version of VERSIONS) {
      it(`${stack}: every registered pod template has zero restricted violations at ${version}`, async () => {
        const objects = kubernetesObjects((await stackRun(stack)).resources);
        const podBearing = objects.filter((o) => POD_SPEC_EXTRACTORS.podSpecsOf(o).length > 0);
        // Pods in every namespace but the operators': the check must have something to check.
        const namespaces = objectsOfKind(objects, "Namespace").map((n) => n.metadata.name).filter((n) => !OPERATOR_NAMESPACES.has(n));
        assert.deepEqual([...new Set(podBearing.map((o) => o.metadata.namespace))].sort(), namespaces.sort(), "namespaces with pods");
        for (const kind of ["Kafka", "KafkaNodePool", "PostgresCluster", "RedisCluster"]) assert.ok(podBearing.some((o) => o.kind === kind), `no ${kind} checked`);
        const violations = podBearing.flatMap((o) => evaluatePodSecurity(o, { level: "restricted", version }));
        assert.deepEqual(violations, []);
      });
    }
  }
});
