import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { SchemaValidator, type SchemaValidation } from "../validation";
import { isCoreGroup } from "../validation/core-models";
import { freshCacheDir, withCacheDir } from "./crd-cache-support";
import { kubernetesObjects, SEED_STACKS, stackRun, STACKS } from "./harness";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * The CRD validators' cache (validation/crd-catalog.ts, crd-compile.ts): from nothing, CRD files are
 * indexed and only the versions in use compiled, to the same bytes on one thread or on several; cold, warm
 * (from disk) and in memory, the verdicts on every custom resource of every stack, and on broken ones,
 * are the same; a changed CRD is never judged by a stale validator.
 */

type WithSpec = KubernetesObject & { spec: Record<string, unknown> };

const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** The cache's files of one kind (`validators`, `defs`, …) ending in `extension`, by name, with their content. */
function cached(cache: string, kind: string, extension: string): Record<string, string> {
  const dir = path.join(cache, "crds", kind);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(extension)).sort() : [];
  return Object.fromEntries(names.map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

describe("the CRD validators' cache", function () {
  let objects: WithSpec[];
  before(async function () {
    requireSharedCrds(this);
    const all: KubernetesObject[] = [];
    for (const stack of [...STACKS, ...SEED_STACKS]) all.push(...kubernetesObjects((await stackRun(stack)).resources).filter((o) => !isCoreGroup(o.apiVersion)));
    objects = all as WithSpec[];
  });

  /** Broken resources, so that the verdicts compared hold errors of each kind: schema, CEL rule, served version. */
  function broken(): WithSpec[] {
    const topic = objects.find((o) => o.kind === "KafkaTopic")!;
    const user = objects.find((o) => o.kind === "KafkaUser")!;
    return [
      { ...topic, spec: { ...topic.spec, partitions: "six", unknownField: 1 } },
      { ...user, spec: { ...user.spec, authentication: { type: "scram-sha-512" }, template: { secret: { metadata: {} } }, validityDays: 3 } },
      { ...topic, apiVersion: "kafka.strimzi.io/v1alpha9" },
    ];
  }

  it("from nothing: indexes the CRD files and compiles only the versions in use, to the same bytes on one thread and on several", () => {
    const crds = tempDir("strata-crds-");
    for (const file of ["strimzi/043-Crd-kafkatopic.yaml", "strimzi/044-Crd-kafkauser.yaml", "strimzi/049-Crd-kafkarebalance.yaml", "velero/velero.io_backupstoragelocations.yaml"]) {
      fs.copyFileSync(path.join(SHARED_CRDS, file), path.join(crds, path.basename(file)));
    }
    const sample = [...objects.filter((o) => ["KafkaTopic", "KafkaUser", "BackupStorageLocation"].includes(o.kind)), ...broken()];
    const validate = () => new SchemaValidator({ crds: [crds] }).validate(sample);
    const [one, two] = [tempDir("strata-cache-"), tempDir("strata-cache-")];

    const onOne = withCacheDir(one, validate, 1);
    const onTwo = withCacheDir(two, validate, 2);
    assert.deepEqual(cached(two, "validators", ".js"), cached(one, "validators", ".js"));
    assert.deepEqual(cached(two, "defs", ".json"), cached(one, "defs", ".json"));
    assert.deepEqual(onTwo, onOne);
    // KafkaTopic, KafkaUser and BackupStorageLocation in the one version each the stacks use; KafkaRebalance's CRD unused.
    assert.equal(Object.keys(cached(one, "validators", ".js")).length, 3);
    assert.ok(onOne.schemaErrors.length >= 4, JSON.stringify(onOne.schemaErrors));
  });

  it("every stack's custom resources, and broken ones: the same verdicts cold, warm (from disk) and in memory", () => {
    const cache = freshCacheDir();
    const all = [...objects, ...broken()];
    const validate = (): SchemaValidation => new SchemaValidator({ crds: [SHARED_CRDS] }).validate(all);
    const inUse = new Set(all.filter((o) => o.apiVersion !== "kafka.strimzi.io/v1alpha9").map((o) => `${o.apiVersion} ${o.kind}`));

    const cold = withCacheDir(cache, validate);
    assert.equal(Object.keys(cached(cache, "validators", ".js")).length, inUse.size, `one validator per version in use: ${[...inUse].join(", ")}`);
    const compiled = cached(cache, "validators", ".js");
    const [warm, inMemory] = withCacheDir(cache, () => [validate(), validate()]);
    assert.deepEqual(cached(cache, "validators", ".js"), compiled, "nothing compiled again when warm");
    assert.equal(Object.keys(cached(cache, "validators", ".v8")).length, inUse.size, "V8's code cache written for every validator");

    assert.ok(cold.validated > 300, `${cold.validated} custom resources validated`);
    assert.ok(cold.schemaErrors.length >= 4, JSON.stringify(cold.schemaErrors));
    assert.deepEqual(warm, cold);
    assert.deepEqual(inMemory, cold);
  });

  it("a changed CRD is judged by its own validator, never a stale one", () => {
    const cache = freshCacheDir();
    const crds = tempDir("strata-crds-");
    const file = path.join(crds, "kafkatopics.yaml");
    fs.copyFileSync(path.join(SHARED_CRDS, "strimzi", "043-Crd-kafkatopic.yaml"), file);
    const topic = objects.find((o) => o.kind === "KafkaTopic" && Number(o.spec.partitions) > 3)!;
    const errors = () => withCacheDir(cache, () => new SchemaValidator({ crds: [crds] }).validate([topic]).schemaErrors.map((e) => `${e.path} ${e.message}`));

    assert.deepEqual(errors(), []);
    const text = fs.readFileSync(file, "utf8");
    const capped = text.replace(/(\n(\s+)partitions:\n(\s+)type: integer\n)/, "$1$3maximum: 3\n");
    assert.notEqual(capped, text, "the fixture edit applies");
    fs.writeFileSync(file, capped);
    assert.deepEqual(errors(), ["/spec/partitions must be <= 3"]);
  });
});
