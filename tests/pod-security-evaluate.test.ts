import { strict as assert } from "node:assert";
import {
  CORE_POD_SPEC_EXTRACTORS, evaluatePodSecurity, isPodSecurityVersion, LATEST_POD_SECURITY_VERSION, POD_SECURITY_RULES, POD_SPEC_EXTRACTORS,
  podSecurityMinor, podSecurityRules, podTemplateAt, PodSpecExtractors, type KubernetesObjectLike, type PodSpec,
} from "../policies/pod-security";
import { POD_SECURITY_VERSION } from "../platform/versions";
import { namespaceVersion } from "../policies/pod-security/namespace-level";
import { POD_SECURITY_STACK_RULES } from "../policies/pod-security/stack-rules";
import { container, restrictedPodSpec } from "./pod-security-support";
import { findings, namespace } from "./policy-support";

/** Pod specs of every pod-bearing kind, the level evaluator, versions, and the rule list itself. */

const template = (spec: PodSpec, annotations?: Record<string, string>) => ({ metadata: { labels: { app: "x" }, ...(annotations ? { annotations } : {}) }, spec });
const hostNetworkPod: PodSpec = { hostNetwork: true, containers: [container("app")] };

/** One object of each pod-bearing kind, each carrying the same pod spec. */
function podBearingObjects(spec: PodSpec): KubernetesObjectLike[] {
  const meta = (name: string) => ({ name, namespace: "team" });
  const workload = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: meta(kind.toLowerCase()), spec: { selector: {}, template: template(spec) } });
  return [
    { apiVersion: "v1", kind: "Pod", metadata: meta("pod"), spec },
    { apiVersion: "v1", kind: "PodTemplate", metadata: meta("podtemplate"), template: template(spec) },
    workload("v1", "ReplicationController"),
    workload("apps/v1", "Deployment"),
    workload("apps/v1", "StatefulSet"),
    workload("apps/v1", "DaemonSet"),
    workload("apps/v1", "ReplicaSet"),
    workload("extensions/v1beta1", "Deployment"),
    workload("batch/v1", "Job"),
    { apiVersion: "batch/v1", kind: "CronJob", metadata: meta("cronjob"), spec: { schedule: "@daily", jobTemplate: { spec: { template: template(spec) } } } },
    workload("apps/v1", "DeploymentPatch"),
    { apiVersion: "batch/v1", kind: "CronJobPatch", metadata: meta("cronjobpatch"), spec: { jobTemplate: { spec: { template: template(spec) } } } },
  ];
}

describe("Pod Security: the rules, pod specs and the level evaluator", () => {
  describe("rules", () => {
    it("one rule per check of the reference implementation, each named, levelled and summarised once", () => {
      assert.equal(POD_SECURITY_RULES.length, 19);
      assert.equal(new Set(POD_SECURITY_RULES.map((r) => r.name)).size, POD_SECURITY_RULES.length, "rule names are unique");
      assert.equal(new Set(POD_SECURITY_RULES.map((r) => r.checkId)).size, POD_SECURITY_RULES.length, "check ids are unique");
      for (const rule of POD_SECURITY_RULES) {
        assert.match(rule.name, /^pss-[a-z-]+$/);
        assert.ok(rule.summary.length > 10, `${rule.name} has a summary`);
      }
      assert.deepEqual(POD_SECURITY_RULES.filter((r) => r.level === "restricted").map((r) => r.name), [
        "pss-restricted-volumes", "pss-allow-privilege-escalation", "pss-run-as-non-root", "pss-run-as-user",
        "pss-seccomp-profile-restricted", "pss-capabilities-restricted", "pss-proc-mount-restricted",
      ]);
    });

    it("baseline runs the 12 baseline rules, restricted all 19, privileged none", () => {
      assert.equal(podSecurityRules("baseline").length, 12);
      assert.ok(podSecurityRules("baseline").every((r) => r.level === "baseline"));
      assert.equal(podSecurityRules("restricted").length, 19);
      assert.deepEqual(podSecurityRules("privileged"), []);
    });
  });

  describe("versions", () => {
    it('"latest" is the newest version any check changed at; "v1.NN" is minor NN', () => {
      assert.equal(podSecurityMinor("latest"), podSecurityMinor(LATEST_POD_SECURITY_VERSION));
      // The reference implementation's newest check change (its v1.37 sysctls) is what "latest" means.
      assert.equal(podSecurityMinor("latest"), 37);
      assert.equal(podSecurityMinor("v1.34"), 34);
      assert.equal(podSecurityMinor("v1.0"), 0);
      assert.ok(isPodSecurityVersion(POD_SECURITY_VERSION), "the version Strata pins is a valid one");
    });

    it("a malformed version is an error naming the expected form", () => {
      for (const bad of ["1.34", "v2.0", "v1.034", "v1.x", "", "Latest"]) {
        assert.equal(isPodSecurityVersion(bad), false, bad);
        assert.throws(() => podSecurityMinor(bad as never), /expected "latest" or "v1.<minor>"/, bad);
        assert.throws(() => evaluatePodSecurity({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }, { level: "baseline", version: bad as never }), /invalid Pod Security version/);
      }
    });

    it("a version newer than the newest check evaluates as the newest", () => {
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { securityContext: { sysctls: [{ name: "net.ipv4.tcp_rmem", value: "1" }, { name: "kernel.msgmax", value: "1" }] }, containers: [container("app")] } };
      const messages = (version: "v1.99" | "latest") => evaluatePodSecurity(pod, { level: "baseline", version }).map((v) => v.message);
      assert.deepEqual(messages("v1.99"), ['pod must not set securityContext.sysctls "kernel.msgmax" (not in the safe set of v1.99)']);
      assert.deepEqual(messages("latest"), ['pod must not set securityContext.sysctls "kernel.msgmax" (not in the safe set of latest)']);
    });
  });

  describe("pod specs of every pod-bearing kind", () => {
    it("finds the pod spec of Pod, PodTemplate, ReplicationController, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob and the patches", () => {
      for (const object of podBearingObjects(hostNetworkPod)) {
        const sites = POD_SPEC_EXTRACTORS.podSpecsOf(object);
        assert.equal(sites.length, 1, `${object.kind}: one pod spec`);
        assert.equal(sites[0].spec.hostNetwork, true, `${object.kind}: the pod spec itself`);
        assert.deepEqual(
          evaluatePodSecurity(object, { level: "baseline" }),
          [{ rule: "pss-host-namespaces", kind: object.kind, namespace: "team", name: object.metadata!.name, message: "pod must not set hostNetwork=true" }],
          object.kind,
        );
      }
    });

    it("reports where each spec sits, and the template's metadata goes with it (AppArmor annotations)", () => {
      const paths = podBearingObjects(hostNetworkPod).map((o) => `${o.kind}: ${POD_SPEC_EXTRACTORS.podSpecsOf(o)[0].path}`);
      assert.ok(paths.includes("Pod: spec"));
      assert.ok(paths.includes("PodTemplate: template.spec"));
      assert.ok(paths.includes("Deployment: spec.template.spec"));
      assert.ok(paths.includes("CronJob: spec.jobTemplate.spec.template.spec"));
      const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { template: template(restrictedPodSpec(), { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" }) } };
      assert.deepEqual(evaluatePodSecurity(deployment, { level: "restricted" }).map((v) => v.rule), ["pss-app-armor-profile"]);
    });

    it("objects without pods, or with a kind of another API group, have no pod spec", () => {
      const notPods: KubernetesObjectLike[] = [
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { spec: "x" } },
        { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { hostNetwork: true } },
        { apiVersion: "example.com/v1", kind: "Deployment", metadata: { name: "other" }, spec: { template: template(hostNetworkPod) } },
        { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "no-template" }, spec: { template: "x" } },
        { apiVersion: "v1", kind: "Pod", metadata: { name: "no-spec" } },
      ];
      for (const object of notPods) assert.deepEqual(evaluatePodSecurity(object, { level: "restricted" }), [], `${object.kind} ${object.metadata?.name}`);
    });

    it("malformed lists do not crash a check", () => {
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "odd" }, spec: { containers: "app", volumes: { a: 1 }, securityContext: { sysctls: null } } };
      assert.deepEqual(evaluatePodSecurity(pod, { level: "restricted" }), []);
    });

    it("custom resources: a registered extractor's pod specs are checked, each violation naming its spec", () => {
      const crd = { apiVersion: "example.com/v1", kind: "Database", metadata: { name: "db", namespace: "data" }, spec: { primary: { template: template(restrictedPodSpec()) }, replica: { template: template(hostNetworkPod) } } };
      assert.deepEqual(evaluatePodSecurity(crd, { level: "baseline" }), [], "not covered before it is registered");
      const extractors = POD_SPEC_EXTRACTORS.with([
        { apiGroup: "example.com", kind: "Database", extract: (o) => [...podTemplateAt(o, "spec.primary.template"), ...podTemplateAt(o, "spec.replica.template")] },
      ]);
      assert.ok(extractors.covers("example.com/v2", "Database"), "any version of the group");
      assert.equal(POD_SPEC_EXTRACTORS.covers("example.com/v1", "Database"), false, "the default registry is unchanged");
      assert.deepEqual(evaluatePodSecurity(crd, { level: "baseline", extractors }), [
        { rule: "pss-host-namespaces", kind: "Database", namespace: "data", name: "db", message: "spec.replica.template.spec: pod must not set hostNetwork=true" },
      ]);
    });

    it("two extractors for one kind are an error", () => {
      assert.throws(() => new PodSpecExtractors(CORE_POD_SPEC_EXTRACTORS).with([{ apiGroup: "apps", kind: "Deployment", extract: () => [] }]), /two pod spec extractors for Deployment in API group "apps"/);
    });
  });

  describe("levels", () => {
    const pod = (spec: PodSpec) => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns" }, spec });

    it("a restricted pod has no violation at either level", () => {
      assert.deepEqual(evaluatePodSecurity(pod(restrictedPodSpec()), { level: "restricted" }), []);
    });

    it("a baseline-only pod passes baseline and fails restricted with the restricted rules", () => {
      const baselineOnly = pod({ containers: [container("app")] });
      assert.deepEqual(evaluatePodSecurity(baselineOnly, { level: "baseline" }), []);
      assert.deepEqual(evaluatePodSecurity(baselineOnly, { level: "restricted" }).map((v) => v.rule), [
        "pss-allow-privilege-escalation", "pss-run-as-non-root", "pss-seccomp-profile-restricted", "pss-capabilities-restricted",
      ]);
      assert.deepEqual(evaluatePodSecurity(baselineOnly, { level: "privileged" }), []);
    });

    it("restricted also runs the baseline rule a stricter one supersedes (both name the setting)", () => {
      const hostPath = pod(restrictedPodSpec({ volumes: [{ name: "root", hostPath: { path: "/" } }] }));
      assert.deepEqual(evaluatePodSecurity(hostPath, { level: "restricted" }).map((v) => v.rule), ["pss-host-path-volumes", "pss-restricted-volumes"]);
    });

    it("the version defaults to the one Strata pins its namespaces to", () => {
      // tcp_rmem became safe in v1.32; a probe host became forbidden in v1.34.
      const p = pod({ containers: [container("app", undefined, { livenessProbe: { httpGet: { port: 80, host: "10.0.0.1" } } })] });
      assert.deepEqual(evaluatePodSecurity(p, { level: "baseline" }), evaluatePodSecurity(p, { level: "baseline", version: POD_SECURITY_VERSION as never }));
      assert.equal(evaluatePodSecurity(p, { level: "baseline", version: "v1.33" }).length, 0);
      assert.equal(evaluatePodSecurity(p, { level: "baseline", version: "v1.34" }).length, 1);
    });
  });

  describe("a namespace's level and version (the stack rules)", () => {
    const root = { apiVersion: "v1", kind: "Pod", spec: { securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: "RuntimeDefault" } }, containers: [container("app")] } };
    const inNamespace = (labels: Record<string, string>) => [namespace("team", labels), { ...root, metadata: { name: "p", namespace: "team" } }];
    const runAsUser = POD_SECURITY_STACK_RULES.find((r) => r.name === "pss-run-as-user")!;

    it("an enforce-version older than the pinned one is judged at the pinned one (runAsUser=0 is checked from v1.23)", () => {
      const old = inNamespace({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.0" });
      assert.deepEqual(findings(runAsUser, old), ["Pod team/p: pod must not set securityContext.runAsUser=0"]);
      assert.equal(namespaceVersion(old[0]), POD_SECURITY_VERSION);
    });

    it("a newer enforce-version, or latest, is taken as it is", () => {
      for (const version of ["v1.36", "latest"]) {
        assert.equal(namespaceVersion(namespace("team", { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": version })), version);
      }
    });

    it("a namespace without the label, or with an invalid one, is held to restricted", () => {
      for (const labels of [{}, { "pod-security.kubernetes.io/enforce": "Restricted" }] as Record<string, string>[]) assert.equal(findings(runAsUser, inNamespace(labels)).length, 1, JSON.stringify(labels));
      assert.equal(findings(runAsUser, inNamespace({ "pod-security.kubernetes.io/enforce": "baseline" })).length, 0);
    });
  });
});
