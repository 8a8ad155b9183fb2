import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { profilePolicyConfigPath } from "../cli/policy-config";
import { stackSubjects } from "../offline/policy-subjects";
import { awsComputedState } from "../offline/aws-mocks";
import { randomComputedState } from "../offline/random-mocks";
import { mapUnknowns, revealSecrets } from "../offline/recorder";
import { runStackOffline } from "../offline/run";
import { evaluatePolicies, type PolicyViolation } from "../policies/engine/evaluate";
import { describeSubject, objectSubject, resourceSubject, type PolicySubject } from "../policies/engine/subject";
import { withUnknowns } from "../policies/engine/unknown";
import type { KubernetesObjectLike } from "../policies/pod-security/pod-spec";
import { POLICY_RULES } from "../policies/rules";
import { strata } from "./cli-support";
import { serveProjectPack, type Diagnostic, type ServedPack, type WireResource } from "./crossguard-client";
import { PROJECT_DIR, stackRun } from "./harness";
import { hostileCorpus, SENTINEL, type CaseItem, type HostileCase } from "./hostile/cases";
import { stackPackSettings } from "./policy-support";

/**
 * The hostile-manifest corpus (tests/hostile/cases.ts) through the three ways a platform team runs the
 * pack: `strata validate --level restricted` on the manifests (the command line, prod's pack config), `strata
 * check` with the objects added to the prod stack (the program's own resources beside them), and the pack
 * served over gRPC as the Pulumi CLI serves it, with the prod stack as a first preview sends it: every
 * value AWS or @pulumi/random computes unknown. Each hostile case must be reported by its rule on its
 * target (mandatory; an unknown pod-bearing kind: advisory, as what could not be judged) by all three,
 * each compliant twin must pass, and each case rebuilt with its offending value unknown until apply must
 * come back as what could not be judged, never as a mandatory violation nor as a silent pass.
 */

const STACK = "prod";
const corpus = hostileCorpus();

/** Plain JSON (no undefined fields), as a manifest or the engine carries it. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** "Kind namespace/name" keys, as reports name things (a Namespace by its own name). */
function key(kind: string, namespace: string | null | undefined, name: string): string {
  return `${kind} ${kind === "Namespace" ? name : (namespace ?? "")}/${name}`;
}
const violationKey = (v: PolicyViolation) => key(v.kind, v.namespace, v.name);
const targetKey = (c: HostileCase) => key(c.target.kind, c.target.namespace, c.target.name);

function itemKey(item: CaseItem): string {
  if ("object" in item) return key(String(item.object.kind), item.object.metadata?.namespace, String(item.object.metadata?.name));
  const subject = cloudSubject(item.cloud);
  return key(subject.kind, subject.namespace, subject.name);
}

/** A Pulumi type token for a Kubernetes object, as @pulumi/kubernetes names its resources. */
function typeOf(object: KubernetesObjectLike): string {
  const [group, version] = String(object.apiVersion).includes("/") ? String(object.apiVersion).split("/") : ["core", String(object.apiVersion)];
  return `kubernetes:${group}/${version}:${object.kind}`;
}
const urnOf = (type: string, name: string) => `urn:pulumi:${STACK}::strata::${type}::${name}`;
const objectName = (object: KubernetesObjectLike) => `hostile-${object.metadata?.namespace ?? "cluster"}-${object.metadata?.name}`;
const itemUrn = (item: CaseItem) => ("object" in item ? urnOf(typeOf(item.object), objectName(item.object)) : urnOf(item.cloud.type, item.cloud.name));
const isUnknownSentinel = (v: unknown) => v === SENTINEL;

function cloudSubject(resource: { type: string; name: string; inputs: Record<string, unknown>; dependsOn?: string[] }, urns: Map<string, string> = new Map()): PolicySubject {
  return resourceSubject({
    urn: urnOf(resource.type, resource.name),
    type: resource.type,
    name: resource.name,
    inputs: withUnknowns(plain(resource.inputs), isUnknownSentinel) as Record<string, unknown>,
    dependencies: (resource.dependsOn ?? []).map((n) => urns.get(n)!),
  });
}

/** A case item as the stack would register it: its subject, values the engine sends as unknown made UNKNOWN. */
function subjectOf(item: CaseItem, urns: Map<string, string>): PolicySubject {
  if ("object" in item) return objectSubject(withUnknowns(plain(item.object), isUnknownSentinel) as KubernetesObjectLike, { type: typeOf(item.object), urn: itemUrn(item) });
  return cloudSubject(item.cloud, urns);
}

/** A case item as the engine sends it to the pack. */
function wireOf(item: CaseItem, urns: Map<string, string>): WireResource {
  if ("object" in item) return { type: typeOf(item.object), name: objectName(item.object), urn: itemUrn(item), properties: plain(item.object) };
  return { type: item.cloud.type, name: item.cloud.name, urn: itemUrn(item), properties: plain(item.cloud.inputs), dependencies: (item.cloud.dependsOn ?? []).map((n) => urns.get(n)!) };
}

/** The cloud resources' URNs by name (dependencies are named within the corpus). */
const cloudUrns = new Map(corpus.cases.flatMap((c) => [...c.hostile, ...c.compliant]).flatMap((i) => ("cloud" in i ? [[i.cloud.name, itemUrn(i)] as const] : [])));

type Variant = "hostile" | "compliant" | "unknown";
const itemsOf = (c: HostileCase, variant: Variant): CaseItem[] => (variant === "unknown" ? (c.unknown?.items ?? []) : c[variant]);

/** Items judged together: every case's, but an isolated one's, which replace stack objects (one variant per run). */
function sharedItems(variants: Variant[], manifestsOnly = false): CaseItem[] {
  const cases = corpus.cases.filter((c) => !c.isolated && (!manifestsOnly || c.manifest));
  return [...corpus.setup.map((object) => ({ object })), ...cases.flatMap((c) => variants.flatMap((v) => itemsOf(c, v)))];
}
const isolated = corpus.cases.filter((c) => c.isolated);

/** Verdicts by "Kind namespace/name": the rules (and levels) that named each. */
type Verdicts = Map<string, { rule: string; mandatory: boolean; undetermined: boolean }[]>;

function verdictsOf(violations: PolicyViolation[], into: Verdicts = new Map()): Verdicts {
  for (const v of violations) {
    const k = violationKey(v);
    into.set(k, [...(into.get(k) ?? []), { rule: v.rule, mandatory: v.enforcement === "mandatory", undetermined: v.undetermined === true }]);
  }
  return into;
}

// ------------------------------------------------------------------------------------------------------
// strata validate

/** `strata validate` in this process (tests/cli-support.ts; the built CLI's wiring of it is tests/cli-wiring.test.ts's). */
async function validateRun(items: CaseItem[]): Promise<PolicyViolation[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-hostile-"));
  try {
    const objects = items.flatMap((i) => ("object" in i ? [plain(i.object)] : []));
    // One file per 50 objects: a directory of manifests, as a rendered tree or a chart's output is.
    for (let i = 0; i < objects.length; i += 50) fs.writeFileSync(path.join(dir, `part-${String(i / 50).padStart(3, "0")}.yaml`), objects.slice(i, i + 50).map((o) => stringify(o)).join("---\n"));
    const r = await strata(["validate", dir, "--level", "restricted", "--policy-config", profilePolicyConfigPath(PROJECT_DIR, STACK), "--json"]);
    if (!r.stdout) throw new Error(`strata validate printed nothing (${r.code}): ${r.stderr}`);
    return (JSON.parse(r.stdout) as { violations: PolicyViolation[] }).violations;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------------------------------------------
// strata check: the objects added to the stack (an isolated case's replace the stack's of the same name)

function checkRun(stack: PolicySubject[], items: CaseItem[]): PolicyViolation[] {
  const added = items.map((i) => subjectOf(i, cloudUrns));
  const replaced = new Set(added.map((s) => key(s.kind, s.namespace, s.name)));
  const subjects = [...stack.filter((s) => !replaced.has(key(s.kind, s.namespace, s.name))), ...added];
  return evaluatePolicies(subjects, POLICY_RULES, stackPackSettings(STACK)).violations;
}

// ------------------------------------------------------------------------------------------------------
// The pack over gRPC, the stack as a first preview sends it

/** Diagnostics by "Kind namespace/name": resource policies' by the resource analysed, stack policies' by URN or by the subject they name. */
async function packRun(pack: ServedPack, stack: WireResource[], items: CaseItem[], byUrn: Map<string, string>): Promise<{ verdicts: Verdicts; stack: Diagnostic[] }> {
  const wires = items.map((i) => wireOf(i, cloudUrns));
  const replaced = new Set(items.map(itemKey));
  const stackWires = stack.filter((r) => !replaced.has(byUrn.get(r.urn) ?? ""));
  const verdicts: Verdicts = new Map();
  const note = (k: string, d: Diagnostic) => verdicts.set(k, [...(verdicts.get(k) ?? []), { rule: d.policy, mandatory: d.enforcement === "mandatory", undetermined: d.message.includes("during preview") }]);
  const keys = new Map(items.map((i) => [itemUrn(i), itemKey(i)]));
  const described = new Map(items.map((i) => [describeSubject(subjectOf(i, cloudUrns)), itemKey(i)]));
  for (const wire of wires) for (const d of await pack.analyze(wire)) note(keys.get(wire.urn)!, d);
  const stackDiagnostics = await pack.analyzeStack([...stackWires, ...wires]);
  const stackOwn: Diagnostic[] = [];
  for (const d of stackDiagnostics) {
    if (d.urn && keys.has(d.urn)) note(keys.get(d.urn)!, d);
    else if (d.message.includes("during preview")) {
      // What could not be judged names its subjects in the message ("Kind namespace/name: ...").
      const named = [...described].filter(([text]) => d.message.includes(`${text}: `)).map(([, k]) => k);
      named.forEach((k) => note(k, d));
      if (!named.length) stackOwn.push(d);
    } else stackOwn.push(d);
  }
  return { verdicts, stack: stackOwn };
}

/**
 * The prod stack's resources as the engine sends them at the end of a first preview: their inputs (unknowns
 * as its sentinel, secrets revealed) and the attributes the cloud computes, every one unknown.
 */
function previewWire(resources: { urn: string; type: string; name: string; inputs: Record<string, unknown>; dependsOn: string[] }[]): WireResource[] {
  return resources.map((r) => {
    const computed = Object.keys({ ...awsComputedState(r.type, r.name, r.inputs), ...randomComputedState(r.type, r.inputs) });
    const properties = { ...(mapUnknowns(revealSecrets(r.inputs), () => SENTINEL) as Record<string, unknown>), ...Object.fromEntries(computed.map((k) => [k, SENTINEL])) };
    return { type: r.type, name: r.name, urn: r.urn, properties: plain(properties), dependencies: r.dependsOn };
  });
}

// ------------------------------------------------------------------------------------------------------

/** What went wrong with a case on one path, or undefined. */
function judge(c: HostileCase, variant: Variant, verdicts: Verdicts): string | undefined {
  if (variant === "compliant") {
    const flagged = c.compliant.flatMap((i) => (verdicts.get(itemKey(i)) ?? []).filter((v) => v.mandatory).map((v) => `${itemKey(i)}: ${v.rule}`));
    return flagged.length ? `compliant twin flagged: ${flagged.join(", ")}` : undefined;
  }
  const items = itemsOf(c, variant);
  const target = variant === "unknown" ? itemKey(items[0]) : targetKey(c);
  const own = (verdicts.get(target) ?? []).filter((v) => v.rule === c.rule);
  const outcome = variant === "unknown" ? c.unknown!.outcome : c.outcome;
  if (outcome === "violation") return own.some((v) => v.mandatory && !v.undetermined) ? undefined : `${c.rule} did not report ${target} (got ${JSON.stringify(verdicts.get(target) ?? [])})`;
  if (own.some((v) => v.mandatory)) return `${c.rule} reported ${target} as a mandatory violation where it could not judge it`;
  return own.some((v) => v.undetermined) ? undefined : `${c.rule} did not say it could not judge ${target} (got ${JSON.stringify(verdicts.get(target) ?? [])})`;
}

function assertAll(label: string, cases: HostileCase[], variant: Variant, verdicts: (c: HostileCase) => Verdicts): void {
  const problems = cases.map((c) => [c, judge(c, variant, verdicts(c))] as const).filter(([, p]) => p).map(([c, p]) => `${c.id} (${c.title}): ${p}`);
  console.log(`      ${label}: ${cases.length - problems.length}/${cases.length} ${variant} cases as expected`);
  assert.deepEqual(problems, [], `${problems.length} of ${cases.length} ${variant} cases:\n${problems.join("\n")}`);
}

describe("the hostile-manifest corpus: strata validate, strata check and the pack over gRPC agree", function () {
  this.timeout(600_000);
  const manifestCases = corpus.cases.filter((c) => c.manifest);
  const withUnknown = corpus.cases.filter((c) => c.unknown);

  it(`has at least 60 cases (${corpus.cases.length}: ${withUnknown.length} Pod Security control × pod-bearing kind pairs, ${corpus.cases.length - withUnknown.length} other bypasses), and a violation case for every mandatory rule of prod`, () => {
    assert.ok(corpus.cases.length >= 60);
    assert.equal(new Set(corpus.cases.map((c) => c.id)).size, corpus.cases.length, "case ids are unique");
    const mandatory = POLICY_RULES.filter((r) => stackPackSettings(STACK).get(r.name)!.enforcementLevel === "mandatory").map((r) => r.name);
    const covered = new Set(corpus.cases.filter((c) => c.outcome === "violation").map((c) => c.rule));
    // pod-security-known-kinds reports only what it could not judge: its case expects that outcome.
    assert.deepEqual(mandatory.filter((r) => !covered.has(r) && r !== "pod-security-known-kinds"), []);
    assert.ok(corpus.cases.some((c) => c.rule === "pod-security-known-kinds" && c.outcome === "undetermined"));
  });

  describe("strata validate --level restricted (the command line, prod's pack config)", () => {
    let shared: Verdicts;
    const alone = new Map<string, Verdicts>();
    before(async () => {
      shared = verdictsOf(await validateRun(sharedItems(["hostile", "compliant"], true)));
      for (const c of isolated) for (const v of ["hostile", "compliant"] as const) alone.set(`${c.id} ${v}`, verdictsOf(await validateRun(itemsOf(c, v))));
    });
    const verdicts = (variant: Variant) => (c: HostileCase) => (c.isolated ? alone.get(`${c.id} ${variant}`)! : shared);
    it("reports every hostile manifest by its rule", () => assertAll("validate", manifestCases, "hostile", verdicts("hostile")));
    it("passes every compliant twin", () => assertAll("validate", manifestCases, "compliant", verdicts("compliant")));
  });

  describe(`strata check: the objects added to the ${STACK} stack`, () => {
    let stack: PolicySubject[];
    let shared: Verdicts;
    before(async () => {
      stack = stackSubjects((await stackRun(STACK)).resources);
      shared = verdictsOf(checkRun(stack, sharedItems(["hostile", "compliant", "unknown"])));
    });
    const verdicts = (variant: Variant) => (c: HostileCase) => (c.isolated ? verdictsOf(checkRun(stack, itemsOf(c, variant))) : shared);
    it("reports every hostile case by its rule", () => assertAll("check", corpus.cases, "hostile", verdicts("hostile")));
    it("passes every compliant twin", () => assertAll("check", corpus.cases, "compliant", verdicts("compliant")));
    it("judges each case with its offending value unknown until apply as what it could not judge, never as a mandatory violation", () => assertAll("check", withUnknown, "unknown", verdicts("unknown")));
  });

  describe(`the pack over gRPC, with the ${STACK} stack as a first preview sends it (every AWS-computed value unknown)`, () => {
    let pack: ServedPack;
    let stack: WireResource[];
    let byUrn: Map<string, string>;
    let shared: { verdicts: Verdicts; stack: Diagnostic[] };
    const alone = new Map<string, Verdicts>();
    before(async () => {
      const run = await runStackOffline(PROJECT_DIR, STACK, { preview: true });
      if (!run.ok) throw new Error("the prod stack's config was rejected");
      stack = previewWire(run.resources);
      assert.ok(JSON.stringify(stack).split(SENTINEL).length > 50, "the preview sends unknowns (ARNs, ids, bucket names, the Redis password)");
      byUrn = new Map(stackSubjects(run.resources).map((s) => [s.urn!, key(s.kind, s.namespace, s.name)]));
      pack = await serveProjectPack();
      await pack.configure(stackPackSettings(STACK));
      shared = await packRun(pack, stack, sharedItems(["hostile", "compliant", "unknown"]), byUrn);
      for (const c of isolated) for (const v of ["hostile", "compliant"] as const) alone.set(`${c.id} ${v}`, (await packRun(pack, stack, itemsOf(c, v), byUrn)).verdicts);
    });
    after(() => pack?.stop());

    it("the stack itself: no mandatory diagnostic, and nothing the unknowns left unjudged", () => {
      assert.deepEqual(shared.stack.filter((d) => d.enforcement === "mandatory").map((d) => `${d.policy}: ${d.message}`), []);
      assert.deepEqual(shared.stack.map((d) => `${d.policy} ${d.enforcement}: ${d.message}`), []);
    });
    const verdicts = (variant: Variant) => (c: HostileCase) => (c.isolated ? alone.get(`${c.id} ${variant}`)! : shared.verdicts);
    it("reports every hostile case by its rule", () => assertAll("gRPC", corpus.cases, "hostile", verdicts("hostile")));
    it("passes every compliant twin", () => assertAll("gRPC", corpus.cases, "compliant", verdicts("compliant")));
    it("says what it could not judge for each case with its offending value unknown (the engine's advisory), never a mandatory violation", () => assertAll("gRPC", withUnknown, "unknown", verdicts("unknown")));
  });
});
