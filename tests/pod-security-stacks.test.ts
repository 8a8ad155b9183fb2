import { strict as assert } from "node:assert";
import { evaluatePodSecurity, POD_SPEC_EXTRACTORS, type PodSecurityVersion } from "../policies/pod-security";
import { dataServiceEndpoints, dataServiceTraffic } from "../platform/data-services";
import { platformNamespaces } from "../platform/namespaces";
import { POD_SECURITY_VERSION } from "../platform/versions";
import { stackSpec } from "./graph-support";
import { kubernetesObjects, stackRun, STACKS } from "./harness";

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
        // Pods in every application and data namespace and in monitoring (Thanos); the operators' and the other
        // service layers' namespaces hold Helm releases only: the check must have something to check.
        const withPods = new Set(podBearing.map((o) => o.metadata.namespace));
        const expected = [...stackSpec(stack).layers.map((l) => l.name), ...Object.values(dataServiceEndpoints).map((e) => e.namespace), platformNamespaces.monitoring];
        for (const ns of expected) assert.ok(withPods.has(ns), `no pods checked in ${ns}`);
        assert.ok(![...withPods].some((ns) => OPERATOR_NAMESPACES.has(ns!)), "an operator's namespace holds its Helm release only");
        for (const kind of ["Kafka", "KafkaNodePool", "PostgresCluster", "RedisCluster"]) assert.ok(podBearing.some((o) => o.kind === kind), `no ${kind} checked`);
        const violations = podBearing.flatMap((o) => evaluatePodSecurity(o, { level: "restricted", version }));
        assert.deepEqual(violations, []);
      });
    }
  }
});
