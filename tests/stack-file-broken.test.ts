import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { PROJECT_DIR } from "./harness";
import { strata, strataProcess } from "./cli-support";

/**
 * Broken stack files, as a user makes them: each mutates a valid dev stack in one place (a value out of
 * range, a typo'd key, YAML that does not parse…). Every one must exit 2 and name where the problem is (the
 * key path, or file:line:col for the YAML), register nothing, print no stack trace, and give the same answer
 * on stderr as in the --json document `{ stack, configErrors, resources: [] }`.
 */

type Section = "cluster" | "karpenter" | "data services" | "mesh" | "backup" | "observability" | "tenants" | "gitops" | "secrets" | "credentials" | "edge" | "layers" | "profile" | "yaml" | "project";

interface BrokenCase {
  section: Section;
  /** What kind of mistake (the issue's kinds: range, int32, cron, duration, region, raw map, unknown key, yaml…). */
  kind: string;
  /** The key the answer must name: `strata:<path>`, `aws:region`, `--stack`, or `Pulumi.bad.yaml:<line>:<col>`. */
  key: string;
  /** Config (full keys) set over the valid base; or the stack file's bytes as given. */
  config?: Record<string, unknown>;
  file?: string | Buffer;
  /** Pulumi.yaml's `config:` (project defaults), when the case is about them. */
  projectConfig?: Record<string, unknown>;
  /** The stack as typed (default "bad"). */
  stack?: string;
  /** The stack file is a directory. */
  directory?: boolean;
}

const BASE = { "aws:region": "eu-west-1", "strata:profile": "dev" };
const layer = (extra: Record<string, unknown> = {}) => ({ name: "app", image: "ghcr.io/example/app:1.0.0", capacityClass: "on-demand", ...extra });
const topic = (extra: Record<string, unknown> = {}) => ({ name: "events", ...extra });
const onKafka = (t: Record<string, unknown>) => ({ "strata:layers": [layer({ dataServices: { kafka: { read: ["events"], write: [] } } })], "strata:kafka": { topics: [t] } });
const s = (section: Section, kind: string, key: string, config: Record<string, unknown>): BrokenCase => ({ section, kind, key: key.includes(":") ? key : `strata:${key}`, config });
const y = (kind: string, key: string, file: string | Buffer): BrokenCase => ({ section: "yaml", kind, key, file });
const BIG = 1e12;
const TOO_LONG = "99999999999h";
const ARN = "arn:aws:iam::123456789012:role/x";

const CASES: BrokenCase[] = [
  // cluster
  s("cluster", "int32", "cluster.nodeGroups.system.maxSize", { "strata:cluster": { nodeGroups: { system: { maxSize: BIG } } } }),
  s("cluster", "type", "cluster.vpcCidr", { "strata:cluster": { vpcCidr: 12 } }),
  s("cluster", "unknown key", "cluster.nodeGroup", { "strata:cluster": { nodeGroup: {} } }),
  s("cluster", "range", "cluster.availabilityZoneCount", { "strata:cluster": { availabilityZoneCount: 1 } }),
  s("cluster", "format", "cluster.kubernetesVersion", { "strata:cluster": { kubernetesVersion: "latest" } }),
  s("cluster", "region", "aws:region", { "aws:region": "mars-1" }),
  s("cluster", "region type", "aws:region", { "aws:region": 42 }),
  s("cluster", "range", "cluster.nodeGroups.system.diskSizeGiB", { "strata:cluster": { nodeGroups: { system: { diskSizeGiB: 5 } } } }),
  s("cluster", "enum", "cluster.natGateways", { "strata:cluster": { natGateways: "many" } }),
  // karpenter
  s("karpenter", "cron range", "karpenter.pools.spot.budgets[0].schedule", { "strata:karpenter": { pools: { spot: { budgets: [{ nodes: 1, schedule: "0 25 * * *", duration: "1h" }] } } } }),
  s("karpenter", "cron @every", "karpenter.pools.spot.budgets[0].schedule", { "strata:karpenter": { pools: { spot: { budgets: [{ nodes: 1, schedule: "@every 1h", duration: "1h" }] } } } }),
  s("karpenter", "duration range", "karpenter.pools.spot.expireAfter", { "strata:karpenter": { pools: { spot: { expireAfter: TOO_LONG } } } }),
  s("karpenter", "quantity", "karpenter.pools.spot.limits.memory", { "strata:karpenter": { pools: { spot: { limits: { memory: "lots" } } } } }),
  s("karpenter", "int32", "karpenter.replicas", { "strata:karpenter": { replicas: BIG } }),
  s("karpenter", "format", "karpenter.maintenanceWindow.start", { "strata:karpenter": { maintenanceWindow: { day: "sunday", start: "25:00", duration: "2h" } } }),
  // data services: Postgres
  s("data services", "cron range", "postgres.backups.schedules.full", { "strata:postgres": { backups: { schedules: { full: "0 25 * * *" } } } }),
  s("data services", "cron @every", "postgres.backups.schedules.full", { "strata:postgres": { backups: { schedules: { full: "@every 1h" } } } }),
  s("data services", "cron never fires", "postgres.backups.schedules.differential", { "strata:postgres": { backups: { schedules: { differential: "0 0 31 2 *" } } } }),
  s("data services", "cron step 0", "postgres.backups.schedules.incremental", { "strata:postgres": { backups: { schedules: { incremental: "*/0 * * * *" } } } }),
  s("data services", "cron six fields", "postgres.backups.schedules.full", { "strata:postgres": { backups: { schedules: { full: "0 0 0 * * *" } } } }),
  s("data services", "cron L", "postgres.backups.schedules.full", { "strata:postgres": { backups: { schedules: { full: "0 0 L * *" } } } }),
  s("data services", "int32", "postgres.instances[0].replicas", { "strata:postgres": { instances: [{ name: "pg", replicas: BIG }] } }),
  s("data services", "region", "postgres.backups.region", { "strata:postgres": { backups: { region: "mars-1" } } }),
  s("data services", "range", "postgres.backups.retentionDays", { "strata:postgres": { backups: { retentionDays: 0 } } }),
  s("data services", "int32", "postgres.pgBouncer.replicas", { "strata:postgres": { pgBouncer: { replicas: BIG } } }),
  s("data services", "name", "postgres.storageClass", { "strata:postgres": { storageClass: "Bad_Name" } }),
  // data services: Kafka (the raw config map judged as the typed keys)
  s("data services", "raw map min ISR", "kafka.topics[0].config.min.insync.replicas", onKafka(topic({ config: { "min.insync.replicas": 9 } }))),
  s("data services", "raw map type", "kafka.topics[0].config.min.insync.replicas", onKafka(topic({ config: { "min.insync.replicas": "x" } }))),
  s("data services", "raw map retention", "kafka.topics[0].config.retention.ms", onKafka(topic({ config: { "retention.ms": "forever" } }))),
  s("data services", "raw map compression", "kafka.topics[0].config.compression.type", onKafka(topic({ config: { "compression.type": "brotli" } }))),
  s("data services", "raw map cleanup", "kafka.topics[0].config.cleanup.policy", onKafka(topic({ config: { "cleanup.policy": "keep" } }))),
  s("data services", "raw map twice", "kafka.topics[0].config.min.insync.replicas", onKafka(topic({ minInSyncReplicas: 1, config: { "min.insync.replicas": 1 } }))),
  s("data services", "raw map key", "kafka.topics[0].config.Bad Key", onKafka(topic({ config: { "Bad Key": 1 } }))),
  s("data services", "int32", "kafka.brokers.replicas", { "strata:kafka": { brokers: { replicas: BIG } } }),
  s("data services", "even quorum", "kafka.controllers.replicas", { "strata:kafka": { controllers: { replicas: 2 } } }),
  s("data services", "int32", "kafka.replicationFactor", { "strata:kafka": { replicationFactor: 2147483648 } }),
  s("data services", "range", "kafka.topics[0].partitions", onKafka(topic({ partitions: 0 }))),
  // data services: Redis
  s("data services", "range", "redis.leaders", { "strata:redis": { leaders: 2 } }),
  s("data services", "int32", "redis.followers", { "strata:redis": { followers: BIG } }),
  s("data services", "pin", "redis.image", { "strata:redis": { image: "redis:latest" } }),
  s("data services", "size", "redis.storageSize", { "strata:redis": { storageSize: "10GB" } }),
  s("data services", "quantity", "redis.resources.requests.cpu", { "strata:redis": { resources: { requests: { cpu: "lots", memory: "1Gi" }, limits: { memory: "1Gi" } } } }),
  // mesh
  s("mesh", "int32", "mesh.gateway.replicas", { "strata:mesh": { gateway: { replicas: BIG } } }),
  s("mesh", "duration range", "mesh.gateway.timeout", { "strata:mesh": { gateway: { timeout: TOO_LONG } } }),
  s("mesh", "duration format", "mesh.gateway.timeout", { "strata:mesh": { gateway: { timeout: "30 seconds" } } }),
  s("mesh", "duration zero", "mesh.gateway.retries.perTryTimeout", { "strata:mesh": { gateway: { retries: { perTryTimeout: "0s" } } } }),
  s("mesh", "range", "mesh.gateway.retries.attempts", { "strata:mesh": { gateway: { retries: { attempts: 11 } } } }),
  s("mesh", "range", "mesh.istiod.replicas", { "strata:mesh": { istiod: { replicas: 11 } } }),
  s("mesh", "host", "mesh.gateway.hosts[0]", { "strata:mesh": { gateway: { hosts: ["Bad Host"] } } }),
  s("mesh", "range", "mesh.gateway.faultInjection.abort.httpStatus", { "strata:mesh": { gateway: { faultInjection: { abort: { percentage: 1, httpStatus: 200 } } } } }),
  s("mesh", "unknown key", "mesh.gateway.replica", { "strata:mesh": { gateway: { replica: 2 } } }),
  s("mesh", "enum", "mesh.gateway.exposure", { "strata:mesh": { gateway: { exposure: "everywhere" } } }),
  // backup (Velero)
  s("backup", "cron @every 0", "backup.schedules[0].schedule", { "strata:backup": { schedules: [{ name: "a", schedule: "@every 0s", ttl: "24h" }] } }),
  s("backup", "cron @every below 1s", "backup.schedules[0].schedule", { "strata:backup": { schedules: [{ name: "a", schedule: "@every 500ms", ttl: "24h" }] } }),
  s("backup", "cron range", "backup.schedules[0].schedule", { "strata:backup": { schedules: [{ name: "a", schedule: "0 25 * * *", ttl: "24h" }] } }),
  s("backup", "cron day of week 8", "backup.schedules[0].schedule", { "strata:backup": { schedules: [{ name: "a", schedule: "0 0 * * 8", ttl: "24h" }] } }),
  s("backup", "cron descriptor", "backup.schedules[0].schedule", { "strata:backup": { schedules: [{ name: "a", schedule: "@sometimes", ttl: "24h" }] } }),
  s("backup", "duration range", "backup.schedules[0].ttl", { "strata:backup": { schedules: [{ name: "a", schedule: "@daily", ttl: TOO_LONG }] } }),
  s("backup", "duration unit", "backup.schedules[0].ttl", { "strata:backup": { schedules: [{ name: "a", schedule: "@daily", ttl: "30d" }] } }),
  s("backup", "region", "backup.region", { "strata:backup": { region: "mars-1" } }),
  s("backup", "name", "backup.schedules[0].name", { "strata:backup": { schedules: [{ name: "Bad_Name", schedule: "@daily", ttl: "24h" }] } }),
  // observability
  s("observability", "int32", "observability.prometheus.replicas", { "strata:observability": { prometheus: { replicas: BIG } } }),
  s("observability", "duration format", "observability.prometheus.retention", { "strata:observability": { prometheus: { retention: "2 days" } } }),
  s("observability", "region", "observability.thanos.region", { "strata:observability": { thanos: { region: "mars-1" } } }),
  s("observability", "range", "observability.slo.availability", { "strata:observability": { slo: { availability: 1 } } }),
  s("observability", "quantity", "observability.prometheus.storageSize", { "strata:observability": { prometheus: { storageSize: "lots" } } }),
  s("observability", "arn", "observability.thanos.roleArns.sidecar", { "strata:observability": { thanos: { roleArns: { sidecar: "nope", storeGateway: ARN, compactor: ARN } } } }),
  s("observability", "unknown key", "observability.prometheus.replica", { "strata:observability": { prometheus: { replica: 2 } } }),
  // tenants
  s("tenants", "name", "tenants[0].name", { "strata:tenants": [{ name: "Bad_Tenant" }] }),
  s("tenants", "host", "tenants[0].hosts[0]", { "strata:tenants": [{ name: "acme", hosts: ["Bad Host"] }] }),
  s("tenants", "unknown key", "tenants[0].nmae", { "strata:tenants": [{ name: "acme", nmae: "x" }] }),
  // gitops
  s("gitops", "unknown role", "gitops.roleArns.veloro", { "strata:gitops": { roleArns: { veloro: ARN } } }),
  s("gitops", "arn", "gitops.roleArns.velero", { "strata:gitops": { roleArns: { velero: "not-an-arn" } } }),
  s("gitops", "duration range", "gitops.refreshInterval", { "strata:gitops": { refreshInterval: TOO_LONG } }),
  s("gitops", "duration format", "gitops.refreshInterval", { "strata:gitops": { refreshInterval: "1 hour" } }),
  s("gitops", "account", "gitops.accountId", { "strata:gitops": { accountId: "12" } }),
  s("gitops", "unknown key", "gitops.roleArn", { "strata:gitops": { roleArn: {} } }),
  // secrets
  s("secrets", "type", "secrets.externalSecrets", { "strata:secrets": { externalSecrets: "yes" } }),
  s("secrets", "unknown key", "secrets.external", { "strata:secrets": { external: true } }),
  // credentials
  s("credentials", "cron @every", "credentials.rotation.postgres", { "strata:credentials": { rotation: { postgres: "@every 1h" } } }),
  s("credentials", "cron range", "credentials.rotation.postgres", { "strata:credentials": { rotation: { postgres: "0 25 * * *" } } }),
  s("credentials", "duration range", "credentials.refreshInterval", { "strata:credentials": { refreshInterval: TOO_LONG } }),
  s("credentials", "int32", "credentials.replicas", { "strata:credentials": { replicas: BIG } }),
  s("credentials", "region", "credentials.secretsManager.region", { "strata:credentials": { secretsManager: { region: "mars-1" } } }),
  // edge, DNS, certificates
  s("edge", "int32", "edge.replicas", { "strata:edge": { replicas: BIG } }),
  s("edge", "int32", "edge.alb.rateLimit", { "strata:edge": { alb: { rateLimit: 3e9 } } }),
  s("edge", "duration range", "dns.interval", { "strata:dns": { interval: TOO_LONG } }),
  s("edge", "email", "certificates.acme.email", { "strata:certificates": { acme: { email: "nope" } } }),
  // layers
  s("layers", "int32", "layers[0].replicas", { "strata:layers": [layer({ replicas: BIG })] }),
  s("layers", "quantity", "layers[0].resources.requests.cpu", { "strata:layers": [layer({ resources: { requests: { cpu: "lots", memory: "1Gi" }, limits: { memory: "1Gi" } } })] }),
  s("layers", "quantity exact", "layers[0].resources.requests.cpu", { "strata:layers": [layer({ resources: { requests: { cpu: 2, memory: "1Gi" }, limits: { cpu: ".5", memory: "1Gi" } } })] }),
  s("layers", "quantity exponent", "layers[0].resources.requests.memory", { "strata:layers": [layer({ resources: { requests: { cpu: 1, memory: "1e999" }, limits: { memory: "1Gi" } } })] }),
  s("layers", "pin", "layers[0].image", { "strata:layers": [layer({ image: "nginx:latest" })] }),
  s("layers", "enum", "layers[0].capacityClass", { "strata:layers": [layer({ capacityClass: "preemptible" })] }),
  s("layers", "quantity", "layers[0].quota.requestsCpu", { "strata:layers": [layer({ quota: { requestsCpu: "lots" } })] }),
  s("layers", "policy by config: spot in prod", "layers[0].replicas", { "strata:profile": "prod", "strata:layers": [layer({ capacityClass: "spot", replicas: 1 })] }),
  s("layers", "policy by config: spot in prod, HPA", "layers[0].autoscaling.minReplicas", { "strata:profile": "prod", "strata:layers": [layer({ capacityClass: "spot", autoscaling: { minReplicas: 1, maxReplicas: 3 } })] }),
  s("profile", "enum", "profile", { "strata:profile": "staging" }),
  // YAML
  y("syntax", "Pulumi.bad.yaml:3:1", "config:\n  strata:profile: [dev\n"),
  y("indentation", "Pulumi.bad.yaml:2:19", "config:\n  strata:profile: dev\n   aws:region: eu-west-1\n"),
  y("tab", "Pulumi.bad.yaml:2:1", "config:\n\tstrata:profile: dev\n"),
  y("duplicate key", "Pulumi.bad.yaml:3:3", "config:\n  strata:profile: dev\n  strata:profile: prod\n"),
  y("duplicate nested key", "Pulumi.bad.yaml:5:7", "config:\n  strata:profile: dev\n  strata:mesh:\n    gateway: {replicas: 2,\n      replicas: 3}\n"),
  y("undefined alias", "Pulumi.bad.yaml:2:19", "config:\n  strata:profile: *nope\n"),
  y("alias bomb", "Pulumi.bad.yaml", aliasBomb()),
  y("binary garbage", "Pulumi.bad.yaml:1:1", Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0xc3, 0x28, 0x0a])),
  y("non-UTF-8 value", "Pulumi.bad.yaml:2:21", Buffer.concat([Buffer.from("config:\n  strata:profile: de"), Buffer.from([0xe9]), Buffer.from("v\n")])),
  y("not a map", "Pulumi.bad.yaml:1:1", "- config\n"),
  y("config not a map", "Pulumi.bad.yaml: config", "config: dev\n"),
  y("key is a map", "Pulumi.bad.yaml:2:5", "config:\n  ? [a]\n  : b\n"),
  y("ESC environment", "Pulumi.bad.yaml: environment", "environment:\n  - prod-settings\nconfig:\n  strata:profile: dev\n"),
  y("too deep", "Pulumi.bad.yaml:2:75", `config:\n  strata:x: ${"[".repeat(80)}${"]".repeat(80)}\n`),
  y("too large", "Pulumi.bad.yaml", `config:\n  strata:profile: dev\n  strata:x: "${"a".repeat(9 * 1024 * 1024)}"\n`),
  { section: "yaml", kind: "a directory", key: "Pulumi.bad.yaml", directory: true },
  { section: "yaml", kind: "stack name is a path", key: "--stack", stack: "x/../../elsewhere", config: {} },
  { section: "yaml", kind: "stack name with a space", key: "--stack", stack: "a b", config: {} },
  { section: "yaml", kind: "stack name . part", key: "--stack", stack: "org/../bad", config: {} },
  // project defaults (Pulumi.yaml config:), read as pulumi reads them, then the stack file
  { section: "project", kind: "project default", key: "strata:profile", projectConfig: { "strata:profile": { type: "string", default: "staging" } }, config: { "strata:profile": undefined } },
  { section: "project", kind: "project default region", key: "aws:region", projectConfig: { "aws:region": "mars-1" }, config: { "aws:region": undefined } },
];

/** Six levels of nine-fold aliases: a few hundred bytes that expand to half a million values. */
function aliasBomb(): string {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const [name, prev] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"], ["f", "e"]]) lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
  return `${lines.join("\n")}\nconfig:\n  strata:profile: dev\n`;
}

/** Lines that look like a JavaScript stack trace. */
const traceLines = (text: string) => text.split("\n").filter((line) => /^\s+at /.test(line));

/** A throwaway project: Pulumi.yaml (with the case's defaults) and Pulumi.bad.yaml. */
function projectFor(c: BrokenCase): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-broken-"));
  const project = fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8");
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), c.projectConfig ? `${project.replace(/^config:[\s\S]*$/m, "")}config:\n${stringify(c.projectConfig).replace(/^/gm, "  ")}` : project);
  const file = path.join(dir, "Pulumi.bad.yaml");
  if (c.directory) fs.mkdirSync(file);
  else if (c.file !== undefined) fs.writeFileSync(file, c.file);
  else {
    const config = Object.fromEntries(Object.entries({ ...BASE, ...c.config }).filter(([, v]) => v !== undefined));
    fs.writeFileSync(file, stringify({ config }));
  }
  return dir;
}

describe("broken stack files: exit 2 with the key, nothing registered, no stack trace, the same answer with --json", function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it(`has at least 90 cases, across every config section`, () => {
    assert.ok(CASES.length >= 90, `${CASES.length} cases`);
    const sections = new Set(CASES.map((c) => c.section));
    for (const section of ["cluster", "data services", "mesh", "backup", "observability", "tenants", "gitops", "secrets", "layers", "yaml"] as const) assert.ok(sections.has(section), section);
  });

  for (const c of CASES) {
    it(`${c.section}, ${c.kind}: ${c.key}`, async () => {
      const dir = projectFor(c);
      dirs.push(dir);
      const result = await strata(["-C", dir, "check", "--stack", c.stack ?? "bad", "--json"]);
      assert.equal(result.code, 2, `exit ${result.code}\n${result.stderr}`);
      assert.deepEqual(traceLines(result.stderr), [], result.stderr);
      const report = JSON.parse(result.stdout) as { stack: string; configErrors: { key: string; message: string }[]; resources: unknown[] };
      assert.deepEqual(Object.keys(report).sort(), ["configErrors", "resources", "stack"]);
      assert.deepEqual(report.resources, []);
      assert.match(result.stderr, /nothing was registered \(0 resources\)/);
      const keys = report.configErrors.map((e) => e.key);
      assert.ok(keys.includes(c.key), `no config error at ${c.key}: ${JSON.stringify(report.configErrors, null, 1)}`);
      // The same answer on stderr: every problem of the JSON, with its key and message.
      for (const e of report.configErrors) assert.ok(result.stderr.includes(`  - ${e.key}: ${e.message}`), `stderr lacks ${e.key}: ${e.message}\n${result.stderr}`);
      for (const e of report.configErrors) assert.ok(e.message.trim().length > 0);
    });
  }

  it("render says the same for a YAML problem: exit 2, file:line:col, nothing rendered", async () => {
    const dir = projectFor(CASES.find((c) => c.kind === "duplicate key")!);
    dirs.push(dir);
    const out = path.join(dir, "out");
    const result = await strata(["-C", dir, "render", "--stack", "bad", "--out", out]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /Pulumi\.bad\.yaml:3:3: duplicate key "strata:profile" \(line 3; first on line 2\)/);
    assert.equal(fs.existsSync(out), false);
  });

  it("the built CLI, as a separate process, answers a non-UTF-8 stack file the same (exit 2, one location, no trace)", () => {
    const dir = projectFor(CASES.find((c) => c.kind === "non-UTF-8 value")!);
    dirs.push(dir);
    const result = strataProcess(["-C", dir, "check", "--stack", "bad", "--json"]);
    assert.equal(result.code, 2, result.stderr);
    assert.deepEqual(traceLines(result.stderr), []);
    assert.deepEqual(JSON.parse(result.stdout).configErrors.map((e: { key: string }) => e.key), ["Pulumi.bad.yaml:2:21"]);
  });
});
