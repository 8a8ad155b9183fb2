import { strict as assert } from "node:assert";
import { validateStackConfig } from "../stack";
import { cronProblem } from "../platform/cron";
import { parseGoDuration, parsePrometheusDuration } from "../platform/duration";
import { EXISTING, EXISTING_DATA } from "./cluster-support";
import { asStackConfig, specOf, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";

/**
 * The mesh, backup and observability sections: defaults per profile and from the seeds, and invalid config
 * rejected with key paths by the real program, with nothing registered.
 */

const cases: InvalidCase[] = [
  { title: "PERMISSIVE mTLS in prod", config: { profile: "prod", mesh: { mtls: "PERMISSIVE" } }, issues: [issue("mesh.mtls", /prod requires STRICT/)] },
  { title: "an unknown mTLS mode", config: { profile: "dev", mesh: { mtls: "DISABLE" } }, issues: [issue("mesh.mtls", /STRICT|PERMISSIVE/)] },
  { title: "a single istiod in prod", config: { profile: "prod", mesh: { istiod: { replicas: 1 } } }, issues: [issue("mesh.istiod.replicas", /at least 2 istiod/)] },
  {
    title: "the gateway's former scheme key (now exposure)",
    config: { profile: "prod", mesh: { gateway: { scheme: "internet-facing" } } },
    issues: [issue("mesh.gateway.scheme", /unknown key/)],
  },
  { title: "an edge layer that is not a layer", config: { profile: "dev", mesh: { gateway: { edgeLayer: "l9" } } }, issues: [issue("mesh.gateway.edgeLayer", /"l9" is not a layer/)] },
  {
    title: "a per-try timeout longer than the request timeout",
    config: { profile: "dev", mesh: { gateway: { timeout: "5s", retries: { perTryTimeout: "10s" } } } },
    issues: [issue("mesh.gateway.retries.perTryTimeout", /exceeds the request timeout 5s/)],
  },
  { title: "a malformed timeout", config: { profile: "dev", mesh: { gateway: { timeout: "30 seconds" } } }, issues: [issue("mesh.gateway.timeout", /not a duration/)] },
  {
    title: "a schedule with a bad cron (minute 61)",
    config: { profile: "dev", backup: { schedules: [{ name: "hourly", schedule: "61 * * * *", ttl: "168h" }] } },
    issues: [issue("backup.schedules[0].schedule", /minute "61" is out of range/)],
  },
  {
    title: "a schedule with four cron fields",
    config: { profile: "dev", backup: { schedules: [{ name: "hourly", schedule: "0 * * *", ttl: "168h" }] } },
    issues: [issue("backup.schedules[0].schedule", /has 4 fields/)],
  },
  {
    title: "a schedule whose TTL is in days (Go durations have no d)",
    config: { profile: "dev", backup: { schedules: [{ name: "daily", schedule: "@daily", ttl: "30d" }] } },
    issues: [issue("backup.schedules[0].ttl", /not a duration/)],
  },
  {
    title: "two schedules with one name",
    config: { profile: "dev", backup: { schedules: [{ name: "a", schedule: "@hourly", ttl: "1h" }, { name: "a", schedule: "@daily", ttl: "24h" }] } },
    issues: [issue("backup.schedules[1].name", /duplicate schedule name "a"/)],
  },
  { title: "a role ARN in EKS mode", config: { profile: "dev", backup: { roleArn: "arn:aws:iam::123456789012:role/velero" } }, issues: [issue("backup.roleArn", /EKS mode/)] },
  {
    title: "Prometheus retention shorter than the block duration",
    config: { profile: "dev", observability: { prometheus: { retention: "1h" } } },
    issues: [issue("observability.prometheus.retention", /shorter than the TSDB block duration 2h/)],
  },
  {
    title: "Thanos raw retention shorter than the block duration",
    config: { profile: "dev", observability: { thanos: { retention: { raw: "90m" } } } },
    issues: [issue("observability.thanos.retention.raw", /shorter than the TSDB block duration/)],
  },
  { title: "an SLO of 1 (100%)", config: { profile: "dev", observability: { slo: { availability: 1 } } }, issues: [issue("observability.slo.availability", /below 1/)] },
  { title: "an SLO of 0", config: { profile: "dev", observability: { slo: { availability: 0 } } }, issues: [issue("observability.slo.availability", /above 0/)] },
  { title: "an SLO given in percent", config: { profile: "dev", observability: { slo: { availability: 99.9 } } }, issues: [issue("observability.slo.availability", /below 1/)] },
  {
    title: "one Alertmanager and one Prometheus in prod",
    config: { profile: "prod", observability: { alertmanager: { replicas: 1 }, prometheus: { replicas: 1 } } },
    issues: [issue("observability.alertmanager.replicas", /at least 3/), issue("observability.prometheus.replicas", /at least 2/)],
  },
  {
    title: "existing mode without roles or region",
    config: { profile: "prod", cluster: EXISTING, ...EXISTING_DATA },
    issues: [
      issue("backup.roleArn", /name the IAM role/),
      issue("backup.region", /region/),
      issue("observability.thanos.roleArns", /name the IAM roles/),
      issue("observability.thanos.region", /region/),
    ],
  },
];

describe("service layers' config: invalid (the real program, offline)", () => {
  itRejectsEachCase(cases);
});

describe("service layers' config: resolution", () => {
  it("prod defaults: STRICT, istiod ×2, internal gateway per zone, Prometheus ×2, Alertmanager ×3, query ×2, retention 30d/90d/1y", () => {
    const spec = specOf({ profile: "prod" });
    assert.equal(spec.mesh.mtls, "STRICT");
    assert.equal(spec.mesh.istiodReplicas, 2);
    assert.deepEqual(
      [spec.mesh.gateway.exposure, spec.mesh.gateway.loadBalancer, spec.mesh.gateway.clientAddress, spec.mesh.gateway.replicas, spec.mesh.gateway.routes],
      ["internal", "nlb", "preserve", 3, [{ layer: "l0-ingestion", hosts: ["*"] }]],
    );
    assert.equal(spec.observability.prometheus.replicas, 2);
    assert.equal(spec.observability.alertmanager.replicas, 3);
    assert.equal(spec.observability.thanos.queryReplicas, 2);
    assert.deepEqual(spec.observability.thanos.retention, { raw: "30d", fiveMinutes: "90d", oneHour: "1y" });
  });

  it("dev may choose PERMISSIVE; explicit keys override the profile", () => {
    const spec = specOf({ profile: "dev", mesh: { mtls: "PERMISSIVE", gateway: { replicas: 2, retries: { attempts: 5 } } } });
    assert.equal(spec.mesh.mtls, "PERMISSIVE");
    assert.equal(spec.mesh.gateway.replicas, 2);
    assert.deepEqual(spec.mesh.gateway.retries, { attempts: 5, perTryTimeout: "10s", retryOn: "5xx,reset,connect-failure,refused-stream" });
  });

  it("default schedules follow the seeds: the data namespaces in use hourly for 7 days, everything daily for 30 days", () => {
    const spec = specOf({ profile: "dev" });
    assert.deepEqual(spec.backup.schedules, [
      { name: "stateful-hourly", schedule: "0 * * * *", ttl: "168h0m0s", includedNamespaces: ["kafka", "postgres", "redis"], snapshotVolumes: true },
      { name: "daily-full", schedule: "0 2 * * *", ttl: "720h0m0s", snapshotVolumes: true },
    ]);
    const noData = specOf({ profile: "dev", layers: [testLayer("a")] });
    assert.deepEqual(noData.backup.schedules.map((s) => s.name), ["daily-full"], "no stateful namespace, no hourly schedule");
  });

  it("existing mode takes the roles and the region from config", () => {
    const roles = { sidecar: "arn:aws:iam::123456789012:role/s", storeGateway: "arn:aws:iam::123456789012:role/g", compactor: "arn:aws:iam::123456789012:role/c" };
    const result = validateStackConfig(asStackConfig({
      profile: "prod",
      cluster: EXISTING,
      ...EXISTING_DATA,
      backup: { roleArn: "arn:aws:iam::123456789012:role/velero", region: "eu-west-1" },
      observability: { thanos: { roleArns: roles, region: "eu-west-1" } },
    }));
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.equal(result.spec.backup.roleArn, "arn:aws:iam::123456789012:role/velero");
    assert.deepEqual(result.spec.observability.thanos.roleArns, roles);
  });
});

describe("cron and durations", () => {
  it("accepts what Velero's cron accepts", () => {
    for (const ok of ["0 * * * *", "*/15 0-6 * * MON-FRI", "0 2 1,15 JAN-JUN ?", "@daily", "@every 6h", "30 23 * * 0"]) assert.equal(cronProblem(ok, "velero"), undefined, ok);
  });
  it("names the wrong field", () => {
    assert.match(cronProblem("0 24 * * *", "velero")!, /hour "24" is out of range/);
    assert.match(cronProblem("0 0 0 * *", "velero")!, /day of month "0"/);
    assert.match(cronProblem("0 0 * 13 *", "velero")!, /month "13"/);
    assert.match(cronProblem("0 0 * * 7-1", "velero")!, /out of range|backwards/);
    assert.match(cronProblem("*/0 * * * *", "velero")!, /step/);
    assert.match(cronProblem("@sometimes", "velero")!, /not a cron descriptor/);
  });
  it("parses Go and Prometheus durations to seconds", () => {
    assert.equal(parseGoDuration("720h0m0s"), 720 * 3600);
    assert.equal(parseGoDuration("1m30s"), 90);
    assert.equal(parseGoDuration("30d"), undefined);
    assert.equal(parsePrometheusDuration("1y"), 365 * 86400);
    assert.equal(parsePrometheusDuration("90m"), 5400);
    assert.equal(parsePrometheusDuration("2 h"), undefined);
  });
});
