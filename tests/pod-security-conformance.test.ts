import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { evaluatePodSecurity, LATEST_POD_SECURITY_VERSION, POD_SECURITY_RULES, POD_SPEC_EXTRACTORS, type KubernetesObjectLike, type PodSecurityVersion } from "../policies/pod-security";
import { PROJECT_DIR } from "./harness";

/**
 * The Pod Security rules against cases written by others, read in place from ../shared/conformance (see its
 * README): the reference implementation's own pass/fail fixtures per level and version, and a public policy
 * library's test resources per control. Every case must agree; the counts are printed.
 *
 * `STRATA_PSA_FIXTURES` may name more fixture trees laid out as the reference implementation's
 * (`<level>/<version>/<pass|fail>/*.yaml`, e.g. a checkout's `test/testdata`), separated by `:`: their
 * versions are checked too. The newest version the pack claims ("latest") must be among the versions
 * checked; when no tree given has it, that is said loudly and the check is skipped.
 */

const CONFORMANCE_DIR = path.resolve(PROJECT_DIR, "..", "shared", "conformance");
const PSA_DIRS = [path.join(CONFORMANCE_DIR, "psa"), ...(process.env.STRATA_PSA_FIXTURES ?? "").split(":").filter(Boolean).map((d) => path.resolve(d))];
const KYVERNO_DIR = path.join(CONFORMANCE_DIR, "kyverno");

/** Fixture file name prefix (lower case) → rule. The hostProcess fixtures keep the check's former id in their name. */
const RULE_OF_FIXTURE_ID = new Map<string, string>([
  ...POD_SECURITY_RULES.map((rule): [string, string] => [rule.checkId.toLowerCase(), rule.name]),
  ["windowshostprocess", "pss-host-process"],
]);

/** Kyverno policy (the case file's control) → rule, as the conformance README maps them. */
const RULE_OF_KYVERNO_CONTROL: Record<string, string> = {
  "disallow-capabilities": "pss-capabilities-baseline",
  "disallow-host-namespaces": "pss-host-namespaces",
  "disallow-host-path": "pss-host-path-volumes",
  "disallow-host-ports": "pss-host-ports",
  "disallow-host-process": "pss-host-process",
  "disallow-privileged-containers": "pss-privileged",
  "disallow-proc-mount": "pss-proc-mount",
  "disallow-selinux": "pss-se-linux-options",
  "restrict-apparmor-profiles": "pss-app-armor-profile",
  "restrict-seccomp": "pss-seccomp-profile-baseline",
  "restrict-sysctls": "pss-sysctls",
  "disallow-capabilities-strict": "pss-capabilities-restricted",
  "disallow-privilege-escalation": "pss-allow-privilege-escalation",
  "require-run-as-non-root-user": "pss-run-as-user",
  "require-run-as-nonroot": "pss-run-as-non-root",
  "restrict-seccomp-strict": "pss-seccomp-profile-restricted",
  "restrict-volume-types": "pss-restricted-volumes",
};

/** The policy library's cases carry no Kubernetes version: they are checked at the newest one. */
const KYVERNO_VERSION: PodSecurityVersion = "latest";

interface KyvernoCaseFile {
  control: string;
  profile: "baseline" | "restricted";
  cases: { name: string; expect: "pass" | "fail"; resource: KubernetesObjectLike }[];
}

const yamlFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort();
const subdirs = (dir: string) => fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const summary = (violations: { rule: string; message: string }[]) => violations.map((v) => `${v.rule}: ${v.message}`).join("; ") || "none";

describe("Pod Security conformance (../shared/conformance)", function () {
  if (!fs.existsSync(CONFORMANCE_DIR)) {
    const reason = `SKIPPED: ${CONFORMANCE_DIR} is absent, so the Pod Security conformance cases did not run (CI has ../shared)`;
    console.log(`\n*** ${reason} ***\n`);
    it("agrees with every conformance case in ../shared/conformance", function () {
      console.log(`*** ${reason} ***`);
      this.skip();
    });
    return;
  }

  const counts = { psa: { agree: 0, total: 0 }, kyverno: { agree: 0, total: 0 } };
  after(() => {
    console.log(`conformance: ${counts.psa.agree}/${counts.psa.total} psa cases, ${counts.kyverno.agree}/${counts.kyverno.total} kyverno cases agree`);
  });

  describe("psa: the reference implementation's fixtures", () => {
    // Every (level, version) once: a version in two trees is taken from the first.
    const trees = new Map<string, string>();
    for (const root of PSA_DIRS.filter((d) => fs.existsSync(d))) {
      for (const level of subdirs(root)) for (const version of subdirs(path.join(root, level))) if (!trees.has(`${level} ${version}`)) trees.set(`${level} ${version}`, path.join(root, level, version));
    }

    it(`covers the newest version the pack claims (latest = ${LATEST_POD_SECURITY_VERSION}) at both levels`, function () {
      const missing = ["baseline", "restricted"].filter((level) => !trees.has(`${level} ${LATEST_POD_SECURITY_VERSION}`));
      if (missing.length) {
        console.log(
          `\n*** SKIPPED: no reference fixtures for ${LATEST_POD_SECURITY_VERSION} (${missing.join(", ")}) in ${PSA_DIRS.join(", ")}: ` +
            `set STRATA_PSA_FIXTURES to a tree that has them (kubernetes/pod-security-admission's test/testdata) ***\n`,
        );
        this.skip();
      }
    });

    for (const [key, versionDir] of trees) {
      const [level, version] = key.split(" ") as ["baseline" | "restricted", PodSecurityVersion];
      {
        for (const verdict of ["pass", "fail"] as const) {
          const dir = path.join(versionDir, verdict);
          if (!fs.existsSync(dir)) continue;
          it(`${level} ${version}: every ${verdict} fixture ${verdict === "pass" ? "has no violation" : "is flagged by its check's rule"}`, () => {
            const files = yamlFiles(dir);
            assert.ok(files.length > 0, `no fixtures in ${dir}`);
            const disagreements: string[] = [];
            for (const file of files) {
              counts.psa.total++;
              const object = parse(fs.readFileSync(path.join(dir, file), "utf8")) as KubernetesObjectLike;
              const violations = evaluatePodSecurity(object, { level, version });
              let problem: string | undefined;
              if (verdict === "pass") {
                if (violations.length) problem = `expected no violation, got ${summary(violations)}`;
              } else {
                const fixtureId = file.replace(/[0-9]*\.yaml$/, "");
                const rule = RULE_OF_FIXTURE_ID.get(fixtureId);
                if (!rule) problem = `no rule for the check id "${fixtureId}"`;
                else if (!violations.some((v) => v.rule === rule)) problem = `expected a ${rule} violation, got ${summary(violations)}`;
              }
              if (problem) disagreements.push(`${level}/${version}/${verdict}/${file}: ${problem}`);
              else counts.psa.agree++;
            }
            assert.deepEqual(disagreements, [], `${disagreements.length} of ${files.length} fixtures disagree:\n${disagreements.join("\n")}`);
          });
        }
      }
    }
  });

  describe(`kyverno: a policy library's test resources, per control (at ${KYVERNO_VERSION})`, () => {
    for (const file of yamlFiles(KYVERNO_DIR)) {
      it(file, () => {
        const { control, profile, cases } = parse(fs.readFileSync(path.join(KYVERNO_DIR, file), "utf8")) as KyvernoCaseFile;
        const rule = RULE_OF_KYVERNO_CONTROL[control];
        assert.ok(rule, `no rule for the Kyverno control "${control}"`);
        assert.ok(cases.length > 0, `no cases in ${file}`);
        const disagreements: string[] = [];
        for (const c of cases) {
          counts.kyverno.total++;
          let problem: string | undefined;
          if (POD_SPEC_EXTRACTORS.podSpecsOf(c.resource).length === 0) {
            problem = `no pod spec found in the ${c.resource.kind}`;
          } else {
            const violations = evaluatePodSecurity(c.resource, { level: profile, version: KYVERNO_VERSION });
            const fired = violations.filter((v) => v.rule === rule);
            if (c.expect === "fail" && !fired.length) problem = `expected ${rule} to fire, got ${summary(violations)}`;
            if (c.expect === "pass" && fired.length) problem = `expected ${rule} not to fire, got ${summary(fired)}`;
          }
          if (problem) disagreements.push(`${c.name} (expect ${c.expect}): ${problem}`);
          else counts.kyverno.agree++;
        }
        assert.deepEqual(disagreements, [], `${disagreements.length} of ${cases.length} cases disagree:\n${disagreements.join("\n")}`);
      });
    }
  });
});
