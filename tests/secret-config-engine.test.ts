import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import { readProjectFile, readStackFile } from "../config/stack-file";
import { runProgramOffline, type OfflineRun } from "../offline/run";
import { maskSecrets, type RecordedResource } from "../offline/recorder";
import { NAMESPACE, PROJECT_DIR, succeeded } from "./harness";
import { tempDir } from "./render-support";

/**
 * The secret rule under `pulumi up` (issue 15, item 4): the engine hands the program decrypted values and
 * says only which top-level keys are secret. The program reads where the `secure:` leaves are from the stack
 * file in the project directory, so the precise per-value rule applies there as offline. Each run here is
 * the engine's view: config with the values decrypted, the secret keys as Pulumi gives them, no secure paths
 * handed over, the program run in the project directory.
 */

const CIPHERTEXT = "AAABAJ0xZ3l0aGlzaXNlbmNyeXB0ZWQ=";
/** A default layer's image: the whole-key rule would make every default Deployment holding it secret. */
const SHARED_IMAGE = "ghcr.io/stefanprodan/podinfo:6.9.1";
const TOKEN = "engine-token-8f3k2q";

/** Writes `Pulumi.engine.yaml` with `secure:` at `at` (a path into the layer), and returns the engine's run of it. */
async function engineRun(dir: string, at: string[], decrypted: string, opts: { writeStackFile: boolean }): Promise<OfflineRun> {
  const layer: Record<string, unknown> = { name: "engine-a", image: SHARED_IMAGE, capacityClass: "on-demand", serviceAccount: { annotations: { "example.com/token": "plain" } } };
  const place = (value: unknown) => {
    let parent = layer as Record<string, any>;
    for (const k of at.slice(0, -1)) parent = parent[k];
    parent[at[at.length - 1]] = value;
  };
  place({ secure: CIPHERTEXT });
  fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  const file = path.join(dir, "Pulumi.engine.yaml");
  fs.writeFileSync(file, stringify({ config: { [`${NAMESPACE}:profile`]: "dev", [`${NAMESPACE}:replaceDefaults`]: [], [`${NAMESPACE}:layers`]: [layer] } }));
  // What the engine gives the program: the file's config (project defaults merged), the secure value decrypted.
  const { config, secretKeys } = readStackFile(dir, readProjectFile(dir), "engine");
  place(decrypted);
  config[`${NAMESPACE}:layers`] = [layer];
  assert.deepEqual(secretKeys, [`${NAMESPACE}:layers`]);
  if (!opts.writeStackFile) fs.rmSync(file);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await runProgramOffline({ project: NAMESPACE, stack: "engine", config, secretKeys });
  } finally {
    process.chdir(cwd);
  }
}

/** Whether a recorded value is, or holds, a Pulumi secret. */
function holdsSecret(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if ((value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return true;
  return Object.values(value).some(holdsSecret);
}

/** A Kubernetes object's resource by kind and name (`<namespace>/<name>`, its namespace is the layer's). */
function resourceNamed(resources: RecordedResource[], kind: string, name: string): RecordedResource {
  const found = resources.find((r) => r.type.endsWith(`:${kind}`) && r.name.endsWith(`/${name}`));
  assert.ok(found, `no ${kind} ${name} registered`);
  return found;
}

describe("secret config under the engine: the secure paths read from the stack file", () => {
  let dir: string;
  beforeEach(() => (dir = tempDir("strata-engine-")));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a secure annotation is registered as a secret; an untouched default layer's Deployment is not", async () => {
    const run = succeeded(await engineRun(dir, ["serviceAccount", "annotations", "example.com/token"], TOKEN, { writeStackFile: true }));
    const account = resourceNamed(run.resources, "ServiceAccount", "engine-a");
    assert.ok(holdsSecret(account.inputs.metadata), "the annotation's metadata is a secret");
    assert.ok(!JSON.stringify(maskSecrets(run.resources.map((r) => r.inputs)).value).includes(TOKEN), "the token is in plain text in some input");
    const deployment = resourceNamed(run.resources, "Deployment", "l0-ingestion");
    assert.equal(deployment.inputs.spec && holdsSecret(deployment.inputs.spec), false, "the default layer's Deployment spec is made secret");
    // The user's own layer holds the image too, and nothing secret in its Deployment either.
    assert.equal(holdsSecret(resourceNamed(run.resources, "Deployment", "engine-a").inputs.spec), false);
  });

  it("a secure value in a layer's name is refused with its config key, never shown", async () => {
    const run = await engineRun(dir, ["name"], "engine-secret-name", { writeStackFile: true });
    assert.ok(!run.ok, "the run succeeded with a secret in resource names");
    assert.deepEqual(run.issues.map((i) => i.path), ["layers[0].name"]);
    assert.match(run.issues[0].message, /cannot be in/);
    assert.ok(!JSON.stringify(run.issues).includes("engine-secret-name"));
  });

  it("without the stack file (config set only through ESC): every string of the key counts, so the default Deployment's spec is secret", async () => {
    const run = succeeded(await engineRun(dir, ["serviceAccount", "annotations", "example.com/token"], TOKEN, { writeStackFile: false }));
    assert.ok(holdsSecret(resourceNamed(run.resources, "ServiceAccount", "engine-a").inputs.metadata));
    assert.equal(holdsSecret(resourceNamed(run.resources, "Deployment", "l0-ingestion").inputs.spec), true, "the coarse rule marks what shares a string of the key");
  });

  it("a stack file that does not hold what the engine gave (a stale file, --config): that key falls back to the coarse rule", async () => {
    // The file says the annotation is secure, but the engine's layer differs elsewhere: the file does not describe it.
    const stale = tempDir("strata-engine-stale-");
    try {
      const layers: Record<string, unknown>[] = [{ name: "engine-a", image: SHARED_IMAGE, capacityClass: "on-demand", serviceAccount: { annotations: { "example.com/token": { secure: CIPHERTEXT } } } }];
      fs.copyFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), path.join(stale, "Pulumi.yaml"));
      fs.writeFileSync(path.join(stale, "Pulumi.engine.yaml"), stringify({ config: { [`${NAMESPACE}:profile`]: "dev", [`${NAMESPACE}:replaceDefaults`]: [], [`${NAMESPACE}:layers`]: layers } }));
      const { config, secretKeys } = readStackFile(stale, readProjectFile(stale), "engine");
      config[`${NAMESPACE}:layers`] = [{ ...layers[0], replicas: 3, serviceAccount: { annotations: { "example.com/token": TOKEN } } }];
      const cwd = process.cwd();
      process.chdir(stale);
      let run: OfflineRun;
      try {
        run = await runProgramOffline({ project: NAMESPACE, stack: "engine", config, secretKeys });
      } finally {
        process.chdir(cwd);
      }
      assert.equal(holdsSecret(resourceNamed(succeeded(run).resources, "Deployment", "l0-ingestion").inputs.spec), true);
    } finally {
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });
});
