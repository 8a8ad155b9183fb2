import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { z } from "zod";
import { formatConfigPath, secretIn, type ConfigPath, type SecretConfigValue } from "../config/secret-config";
import { maskSecrets } from "../offline/recorder";
import { runProgramOffline } from "../offline/run";
import { readProjectFile, readStackFile, SECRET_PLACEHOLDER } from "../config/stack-file";
import { renderStack } from "../render";
import { formatConfigIssues } from "../config";
import { stackConfigSchema, validateStackConfig } from "../stack/spec";
import { strata } from "./cli-support";
import { NAMESPACE, PROJECT_DIR, SEED_STACKS, STACKS } from "./harness";
import { tempDir } from "./render-support";

/**
 * The secrets walk (issue 15, item 4): every config key that accepts a string — taken from the config
 * schema (`strata config-schema`), not a hand list — is made secret where the project's stacks give it a
 * value, and what the program registers (inputs, outputs, `check --json`) and what render writes must never
 * hold it in plain text: either it is registered as a Pulumi secret, or the program refuses it with a config
 * error at its key (a secret in a name).
 */

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; additionalProperties?: boolean | JsonSchema; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; enum?: unknown[]; const?: unknown; $ref?: string };

const SCHEMA = z.toJSONSchema(stackConfigSchema, { io: "input" }) as JsonSchema & { $defs?: Record<string, JsonSchema> };

function resolve(node: JsonSchema): JsonSchema {
  return node.$ref ? resolve(SCHEMA.$defs![node.$ref.split("/").pop()!]) : node;
}
function alternatives(node: JsonSchema): JsonSchema[] {
  const n = resolve(node);
  const alts = [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])];
  return alts.length ? alts.flatMap(alternatives) : [n];
}
const acceptsString = (node: JsonSchema) =>
  alternatives(node).some((n) => n.type === "string" || (Array.isArray(n.type) && n.type.includes("string")) || typeof n.const === "string" || (n.enum ?? []).some((e) => typeof e === "string"));

/** Schema key patterns (`[]` an array item, `{*}` a map entry) whose value may be a string: the walk's list. */
function stringKeys(node: JsonSchema, at: string, into: Set<string>, depth = 0): void {
  if (depth > 12) return;
  if (acceptsString(node)) into.add(at);
  for (const n of alternatives(node)) {
    for (const [k, child] of Object.entries(n.properties ?? {})) stringKeys(child, at ? `${at}.${k}` : k, into, depth + 1);
    if (n.items) stringKeys(n.items, `${at}[]`, into, depth + 1);
    if (n.additionalProperties && typeof n.additionalProperties === "object") stringKeys(n.additionalProperties, `${at}.{*}`, into, depth + 1);
  }
}

/** Every string value of `value` that the schema accepts as a string there, with its path and key pattern. */
function stringValues(node: JsonSchema, value: unknown, at: ConfigPath, pattern: string, into: { path: ConfigPath; pattern: string }[]): void {
  if (typeof value === "string" && acceptsString(node)) into.push({ path: at, pattern });
  if (value === null || typeof value !== "object") return;
  for (const n of alternatives(node)) {
    if (Array.isArray(value) && n.items) value.forEach((v, i) => stringValues(n.items!, v, [...at, i], `${pattern}[]`, into));
    if (!Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) {
        const child = n.properties?.[k] ?? (typeof n.additionalProperties === "object" ? n.additionalProperties : undefined);
        if (child) stringValues(child, v, [...at, k], n.properties?.[k] ? (pattern ? `${pattern}.${k}` : k) : `${pattern}.{*}`, into);
      }
    }
  }
}

const ALL_STACKS = [...STACKS, ...SEED_STACKS];

function stackValues(stack: string): Record<string, unknown> {
  const { config } = readStackFile(PROJECT_DIR, readProjectFile(PROJECT_DIR), stack);
  return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(`${NAMESPACE}:`)).map(([k, v]) => [k.slice(NAMESPACE.length + 1), v]));
}

function valueAt(values: unknown, p: ConfigPath): string {
  let v = values;
  for (const k of p) v = (v as Record<string | number, unknown>)[k];
  return v as string;
}

/** Strings outside any Pulumi secret that hold one of `secrets`, with where. */
function plainSecrets(value: unknown, secrets: SecretConfigValue[], at = ""): string[] {
  if (typeof value === "string" || typeof value === "number") {
    const found = secretIn(String(value), secrets);
    return found ? [`${at}: ${found.path}`] : [];
  }
  if (value === null || typeof value !== "object") return [];
  if ((value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return [];
  return Object.entries(value).flatMap(([k, v]) => plainSecrets(v, secrets, `${at}.${k}`));
}

/** Sets `value` at a key pattern (`[]` the first item, made if none; `{*}` an entry "walk"), making what is missing; returns the path. */
function setAt(values: Record<string, unknown>, pattern: string, value: string): ConfigPath {
  const segments = pattern.match(/\[\]|\.\{\*\}|[^.[\]]+/g)!.map((s) => (s === ".{*}" ? "{*}" : s));
  const at: (string | number)[] = [];
  let node: any = values;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const key: string | number = segment === "[]" ? 0 : segment === "{*}" ? "walk" : segment;
    const next = segments[i + 1];
    if (last) node[key] = value;
    else if (node[key] === undefined || node[key] === null || typeof node[key] !== "object") node[key] = next === "[]" ? [] : {};
    at.push(key);
    node = node[key];
  });
  return at;
}

/**
 * Runs the program on `values` of `stack` with the strings at `cases` secret (secure leaves), and proves none
 * is registered, output or printed by check --json in plain text; a case refused (a secret in a name) is
 * taken out and the rest run again. One line per case: secret, or refused.
 */
async function walkBatch(stack: string, values: Record<string, unknown>, cases: { path: ConfigPath; pattern: string }[]): Promise<string[]> {
  const report: string[] = [];
  const { config: stackConfig } = readStackFile(PROJECT_DIR, readProjectFile(PROJECT_DIR), stack);
  let batch = cases;
  while (batch.length) {
    const securePaths = batch.map((c) => c.path);
    const secretKeys = [...new Set(securePaths.map((p) => String(p[0])))];
    const config: Record<string, unknown> = Object.fromEntries(Object.entries(values).map(([k, v]) => [`${NAMESPACE}:${k}`, v]));
    for (const [k, v] of Object.entries(stackConfig)) if (!k.startsWith(`${NAMESPACE}:`)) config[k] = v;
    const run = await runProgramOffline({ project: NAMESPACE, stack, config, secretKeys: secretKeys.map((k) => `${NAMESPACE}:${k}`), securePaths: securePaths.map(([k, ...r]) => [`${NAMESPACE}:${k}`, ...r]) });
    const secrets: SecretConfigValue[] = batch.map((c) => ({ path: formatConfigPath(c.path), value: valueAt(values, c.path), secure: true }));
    if (!run.ok) {
      // A secret where Kubernetes or Pulumi names something: refused at its key, and that key leaves the batch.
      assert.equal(run.issues.length, 1, JSON.stringify(run.issues));
      const [issue] = run.issues;
      assert.match(issue.message, /^a secret \(secure:\) value cannot be in (the name of a resource|a Kubernetes object's metadata\.(name|namespace|generateName))/, `${stack} ${issue.path}: ${issue.message}`);
      const refused = batch.find((c) => formatConfigPath(c.path) === issue.path);
      assert.ok(refused, `${issue.path} was not made secret`);
      assert.ok(!issue.message.includes(valueAt(values, refused.path)) || valueAt(values, refused.path).length < 4, "the refusal prints the secret");
      report.push(`${refused.pattern}: refused (${issue.message.slice(0, 80)}…)`);
      batch = batch.filter((c) => c !== refused);
      continue;
    }
    const leaks = [
      ...plainSecrets(run.resources.map((r) => ({ [r.urn]: r.inputs })), secrets),
      ...plainSecrets(run.outputs, secrets, "outputs"),
      // What `strata check --json` prints of the inputs: every secret masked.
      ...plainSecrets(maskSecrets(run.resources.map((r) => r.inputs)).value, secrets, "check --json"),
      // Resource names (URNs are plain text; the stack's name in them is not config).
      ...run.resources.filter((r) => secretIn(r.name, secrets)).map((r) => `name ${r.urn}`),
    ];
    assert.deepEqual(leaks.slice(0, 20), [], `${stack}: ${leaks.length} plain-text secrets`);
    report.push(...batch.map((c) => `${c.pattern}: secret`));
    break;
  }
  return report;
}

describe("secrets walk: no secret config value is registered, printed or rendered in plain text", function () {
  this.timeout(1_800_000);

  const keys = new Set<string>();
  stringKeys(SCHEMA, "", keys);
  keys.delete("");

  it("the walk's keys come from the config schema and the stacks give most of them a value", () => {
    assert.ok(keys.size > 50, `${keys.size} string keys in the schema`);
  });

  // One instance (the first stack that has one) of every string key the stacks give a value.
  const cases = new Map<string, { stack: string; path: ConfigPath; pattern: string }>();
  for (const stack of ALL_STACKS) {
    const found: { path: ConfigPath; pattern: string }[] = [];
    stringValues(SCHEMA, stackValues(stack), [], "", found);
    for (const f of found) if (!cases.has(f.pattern)) cases.set(f.pattern, { stack, ...f });
  }
  const missing = [...keys].filter((k) => !cases.has(k));

  it(`every string key the stacks give a value (${cases.size} of the schema's ${keys.size}) registered as a secret or refused at its key`, async () => {
    console.log(`      secrets walk: ${cases.size} keys walked; ${missing.length} string keys no stack sets (the next test gives each a value): ${missing.join(", ")}`);
    const report: string[] = [];
    for (const stack of ALL_STACKS) report.push(...(await walkBatch(stack, stackValues(stack), [...cases.values()].filter((c) => c.stack === stack))));
    console.log(`      secrets walk: ${report.filter((r) => r.endsWith(": secret")).length} registered as secrets, ${report.filter((r) => r.includes("refused")).length} refused at their key`);
    assert.equal(report.length, cases.size);
  });

  it("every string key no stack sets, given a value on a stack that does: invalid config that never prints it, or registered as a secret or refused at its key", async () => {
    const base = "acgs2";
    const valid: { path: ConfigPath; pattern: string }[] = [];
    let values = stackValues(base);
    let invalid = 0;
    for (const [i, pattern] of missing.entries()) {
      const candidate = structuredClone(values);
      const secret = `walk-secret-${i}-q7`;
      const where = setAt(candidate, pattern, secret);
      if (validateStackConfig(candidate, { awsRegion: "eu-west-1" }).ok) {
        values = candidate;
        valid.push({ path: where, pattern });
        continue;
      }
      // Invalid: the program refuses it before registering anything, and its config error names the key, never the value.
      const run = await runProgramOffline({
        project: NAMESPACE,
        stack: base,
        config: { "aws:region": "eu-west-1", ...Object.fromEntries(Object.entries(candidate).map(([k, v]) => [`${NAMESPACE}:${k}`, v])) },
        secretKeys: [`${NAMESPACE}:${where[0]}`],
        securePaths: [[`${NAMESPACE}:${where[0]}`, ...where.slice(1)]],
      });
      assert.ok(!run.ok, pattern);
      assert.equal(run.resources.length, 0, pattern);
      assert.ok(!formatConfigIssues(run.issues, NAMESPACE).includes(secret), `${pattern}: the config error prints the secret: ${formatConfigIssues(run.issues, NAMESPACE)}`);
      invalid++;
    }
    const report = await walkBatch(base, values, valid);
    console.log(`      secrets walk (keys no stack sets): ${invalid} invalid config (value not printed), ${report.filter((r) => r.endsWith(": secret")).length} registered as secrets, ${report.filter((r) => r.includes("refused")).length} refused at their key`);
    assert.equal(invalid + report.length, missing.length);
  });

  it("render never writes one: every walked key made `secure:` in a stack file renders without it, or is refused at that key (exit 2)", () => {
    const project = tempDir("strata-project-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    const refused: string[] = [];
    for (const [pattern, c] of cases) {
      const { config } = readStackFile(PROJECT_DIR, readProjectFile(PROJECT_DIR), c.stack);
      const [key, ...rest] = c.path;
      const full = `${NAMESPACE}:${key}`;
      if (rest.length === 0) config[full] = { secure: "AAABAJ0xZ3l0aGlzaXNlbmNyeXB0ZWQ=" };
      else {
        let parent = config[full] as Record<string | number, unknown>;
        for (const k of rest.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        parent[rest[rest.length - 1]] = { secure: "AAABAJ0xZ3l0aGlzaXNlbmNyeXB0ZWQ=" };
      }
      fs.writeFileSync(path.join(project, "Pulumi.walk.yaml"), stringify({ config }));
      // Anything thrown fails the walk: a secret reaching a file is a config issue, not an error.
      const result = renderStack(project, "walk");
      if (result.ok) {
        assert.ok(![...result.tree.files.values()].some((t) => t.includes(SECRET_PLACEHOLDER) || t.includes("AAABAJ0x")), pattern);
        continue;
      }
      // Refused at the walked key and nowhere else: it would reach a file, or is invalid as an encrypted value.
      const walked = formatConfigPath(c.path);
      const keysRefused = [...new Set(result.issues.map((i) => i.path))];
      const shown = `${pattern}: ${formatConfigIssues(result.issues, NAMESPACE)}`;
      assert.ok(!shown.includes("AAABAJ0x"), shown);
      if (result.issues.some((i) => i.message.startsWith("a secure: (encrypted) value cannot be rendered"))) {
        // The config was valid: the render names the secure key it could not write, and only it.
        assert.deepEqual(keysRefused, [walked], shown);
        refused.push("reaches a file");
      } else {
        // Invalid with the placeholder in it (a name, a quantity…): refused at the walked key; other issues only follow from it (a peer naming the layer).
        assert.ok(keysRefused.includes(walked), shown);
        refused.push("invalid");
      }
    }
    console.log(
      `      secrets walk (render): ${cases.size - refused.length} rendered without the value, ${refused.filter((r) => r === "reaches a file").length} refused at their key as reaching a file, ${refused.filter((r) => r === "invalid").length} invalid as an encrypted value`,
    );
  });

  it("strata check --json prints [secret] for a secure value under layers[].serviceAccount.annotations and a Kafka topic's config", async () => {
    const project = tempDir("strata-project-");
    fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    const { config } = readStackFile(PROJECT_DIR, readProjectFile(PROJECT_DIR), "acgs2");
    const layers = config[`${NAMESPACE}:layers`] as Record<string, any>[];
    layers[0].serviceAccount = { annotations: { "example.com/token": { secure: "AAABAJ0xZ3l0aGlzaXNlbmNyeXB0ZWQ=" } } };
    const kafka = config[`${NAMESPACE}:kafka`] as Record<string, any>;
    // A key of the raw map no typed rule reads: a secret in a checked one (compression.type) cannot be checked offline and is refused.
    kafka.topics[0].config = { ...(kafka.topics[0].config ?? {}), "message.timestamp.type": { secure: "AAABAJ0xZ3l0aGlzaXNlbmNyeXB0ZWQ=" } };
    fs.writeFileSync(path.join(project, "Pulumi.walk.yaml"), stringify({ config }));
    const r = await strata(["-C", project, "check", "--stack", "walk", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    // Resource names are `<namespace>/<name>`; the layer's own ServiceAccount is named after it, in its namespace.
    const account = report.resources.find((x: any) => x.type === "kubernetes:core/v1:ServiceAccount" && x.name === `${layers[0].name}/${layers[0].name}`);
    assert.ok(account, "the layer's ServiceAccount");
    assert.ok(account.inputs.metadata === "[secret]" || account.inputs.metadata.annotations === "[secret]", JSON.stringify(account.inputs.metadata));
    const topics = report.resources.filter((x: any) => x.type === "kubernetes:kafka.strimzi.io/v1:KafkaTopic");
    assert.ok(topics.length > 0);
    assert.ok(topics.some((t: any) => t.inputs.spec === "[secret]"), "the topic with the secret config is registered with a secret spec");
    // The placeholder only ever stands alone (a masked value), never inside a plain string.
    assert.doesNotMatch(r.stdout, /"[^"]+\[secret\]"|"\[secret\][^"]+"/);
  });
});
