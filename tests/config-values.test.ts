import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CERT_MANAGER_ROLE } from "../capabilities/certificates/names";
import { SECRETS_MANAGER_ROLE } from "../capabilities/credentials/names";
import { EXTERNAL_DNS_ROLE } from "../capabilities/dns/names";
import { LOAD_BALANCER_CONTROLLER_ROLE } from "../capabilities/edge/names";
import { KARPENTER_ROLE } from "../capabilities/karpenter/names";
import { thanosRoleNames } from "../capabilities/observability/names";
import { PGBACKREST_ROLE } from "../capabilities/postgres/backups";
import { VELERO_ROLE } from "../capabilities/backup/names";
import { readProjectFile, readStackFile, stackNameOf } from "../config/stack-file";
import { AWS_REGIONS } from "../platform/aws-regions";
import { cronProblem } from "../platform/cron";
import { GO_MAX_DURATION_NANOS, parseGoDurationNanos } from "../platform/duration";
import { IRSA_ROLE_NAMES } from "../platform/irsa-roles";
import { canonicalQuantity, compareQuantities, isQuantity } from "../platform/quantity";
import { renderStack } from "../render";
import { PROJECT_DIR, specOf } from "./harness";

/** The value checks that config keys share: their sources of truth, and what they accept as valid. */

describe("config values: where their lists come from", () => {
  it("the AWS regions are the AWS provider's Region enum", () => {
    // The enum module alone: it loads no SDK (render and --help keep the list without loading @pulumi/*).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Region } = require("@pulumi/aws/types/enums") as { Region: Record<string, string> };
    assert.deepEqual([...AWS_REGIONS].sort(), [...new Set(Object.values(Region))].sort());
  });

  it("gitops.roleArns takes exactly the roles the capabilities assume", () => {
    const roles = [CERT_MANAGER_ROLE, SECRETS_MANAGER_ROLE, EXTERNAL_DNS_ROLE, LOAD_BALANCER_CONTROLLER_ROLE, KARPENTER_ROLE, PGBACKREST_ROLE, VELERO_ROLE, ...Object.values(thanosRoleNames)];
    assert.deepEqual([...IRSA_ROLE_NAMES].sort(), roles.sort());
  });
});

describe("config values: quantities as Kubernetes takes them", () => {
  it("accepts every spelling and writes it back canonically", () => {
    const cases: [string, string][] = [["1", "1"], [".5", "500m"], ["0.5", "500m"], ["1e3", "1e3"], ["1073741824", "1073741824"], ["1024Mi", "1Gi"], ["1.5Gi", "1536Mi"], ["2000m", "2"], ["0.1m", "100u"], ["1000", "1k"], ["5.", "5"]];
    for (const [given, canonical] of cases) assert.equal(canonicalQuantity(given), canonical, given);
  });
  it("refuses what Kubernetes refuses (and negative sizes)", () => {
    for (const bad of ["", "-1", "1.2.3", "abc", "1 Gi", "1KiB", "1e999", "Gi"]) assert.equal(isQuantity(bad), false, bad);
  });
  it("compares exactly: no float drift", () => {
    assert.equal(compareQuantities("0.1", "100m"), 0);
    assert.equal(compareQuantities("0.3", "300m"), 0);
    assert.equal(compareQuantities("1Gi", "1073741824"), 0);
    assert.equal(compareQuantities("9007199254740993", "9007199254740992"), 1);
  });
  it("a layer's cpu: 1, cpu: \".5\" and memory: 1073741824 are accepted and rendered canonically", () => {
    const spec = specOf({ profile: "dev", layers: [{ name: "a", image: "ghcr.io/example/app:1.0.0", capacityClass: "on-demand", resources: { requests: { cpu: ".5", memory: 1073741824 }, limits: { cpu: 1, memory: "1Gi" } } }] });
    assert.deepEqual(spec.layers[0].resources, { requests: { cpu: "500m", memory: "1073741824" }, limits: { cpu: "1", memory: "1Gi" } });
  });
});

describe("config values: cron and durations as each consumer takes them", () => {
  it("@every only where the consumer takes it (Velero), and never below a second", () => {
    assert.equal(cronProblem("@every 6h", "velero"), undefined);
    assert.match(cronProblem("@every 0s", "velero")!, /at least 1s/);
    assert.match(cronProblem("@every 6h", "kubernetes-cronjob")!, /@every is not taken here/);
    assert.match(cronProblem("@every 6h", "karpenter")!, /@every is not taken here/);
  });
  it("the real parser refuses what the field checks cannot see", () => {
    assert.match(cronProblem("0 0 31 2 *", "kubernetes-cronjob")!, /day of month/i);
    assert.equal(cronProblem("0 3 * * MON-FRI", "kubernetes-cronjob"), undefined);
  });
  it("Go durations are exact up to int64 nanoseconds", () => {
    assert.equal(parseGoDurationNanos("2562047h47m16.854775807s"), GO_MAX_DURATION_NANOS);
    assert.equal(parseGoDurationNanos("1.5s"), 1_500_000_000n);
    assert.ok(parseGoDurationNanos("2562048h")! > GO_MAX_DURATION_NANOS);
  });
});

describe("config values: stack names and project defaults", () => {
  it("a stack name is a name: qualified forms name the file by their last part, paths are refused", () => {
    assert.equal(stackNameOf("dev", "strata"), "dev");
    assert.equal(stackNameOf("acme/dev", "strata"), "dev");
    assert.equal(stackNameOf("acme/strata/dev", "strata"), "dev");
    for (const bad of ["x/../../elsewhere", "../dev", "acme/other/dev", "a b", "", "a/b/c/d"]) assert.throws(() => stackNameOf(bad, "strata"), /not a stack name/, bad);
  });
  it("Pulumi.yaml's config defaults are read offline, and the stack file wins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-defaults-"));
    try {
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: strata\nruntime: nodejs\nconfig:\n  profile:\n    type: string\n    default: prod\n  aws:region: eu-west-1\n  strata:mesh:\n    value: { mtls: STRICT }\n");
      fs.writeFileSync(path.join(dir, "Pulumi.a.yaml"), "config:\n  aws:region: us-east-1\n");
      const { config } = readStackFile(dir, readProjectFile(dir), "a");
      assert.deepEqual(config, { "strata:profile": "prod", "aws:region": "us-east-1", "strata:mesh": { mtls: "STRICT" } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it("render builds identities and remote keys from the stack's own name, never the typed path", () => {
    const rendered = renderStack(PROJECT_DIR, "acme/strata/dev");
    assert.ok(rendered.ok);
    assert.equal(rendered.tree.stack, "dev");
    const text = [...rendered.tree.files.values()].join("\n");
    assert.ok(!text.includes("acme/strata"), "the typed qualified name reached the rendered tree");
  });
  it("this project's stacks read as before", () => {
    const { config } = readStackFile(PROJECT_DIR, readProjectFile(PROJECT_DIR), "dev");
    assert.equal(config["strata:profile"], "dev");
  });
});
