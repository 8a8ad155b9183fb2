import { strict as assert } from "node:assert";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { validateStackConfig, type PlatformSpec } from "../stack";
import { runProgramOffline, runStackOffline, type OfflineRun, type SucceededRun } from "../offline/run";
import type { RecordedResource } from "../offline/recorder";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { HELM_RELEASE_TYPES } from "../policies/supply-chain/helm-allowlist";

/**
 * Test harness: the project's own offline runner (the real program under Pulumi's mocks), with the
 * stacks' runs cached so each stack file is run once per test process.
 */

export const PROJECT_DIR = path.resolve(__dirname, "..");
export const NAMESPACE = "strata";
export const STACKS = ["dev", "prod"] as const;
/**
 * The seed profiles: stack files reproducing the seed systems' production topologies (docs/seed-profiles.md "Seed
 * profiles"), each with its requirement table in docs/profiles/<stack>.md. Not in STACKS, whose tests
 * hold dev and prod to "only what differs from the defaults"; tests/seed-profiles.test.ts checks that every
 * stack file of the project is in one list or the other.
 */
export const SEED_STACKS = ["hal9", "ideation-engine", "hdr", "raa-single-tenant", "raa-multi-tenant", "acgs2"] as const;

const runs = new Map<string, Promise<OfflineRun>>();

/**
 * The run of a stack file (Pulumi.<stack>.yaml) of a project: this project's stacks are run once per test
 * process and shared (their files do not change while tests run); another project's, each time.
 */
export function sharedStackRun(projectDir: string, stack: string): Promise<OfflineRun> {
  if (path.resolve(projectDir) !== PROJECT_DIR) return runStackOffline(projectDir, stack);
  if (!runs.has(stack)) runs.set(stack, runStackOffline(PROJECT_DIR, stack));
  return runs.get(stack)!;
}

/** The run of a stack file of this project (Pulumi.<stack>.yaml); fails the test if its config is invalid. */
export async function stackRun(stack: string): Promise<SucceededRun> {
  return succeeded(await sharedStackRun(PROJECT_DIR, stack));
}

/** The run, which must have accepted its config (the test fails with the issues otherwise). */
export function succeeded(run: OfflineRun): SucceededRun {
  if (!run.ok) assert.fail(`stack ${run.stack}: config was rejected: ${JSON.stringify(run.issues)}`);
  return run;
}

/** Runs the program with config that must be valid. */
export async function runValidConfig(config: Record<string, unknown>, stack = "test"): Promise<SucceededRun> {
  return succeeded(await runWithConfig(config, stack));
}

/**
 * A test's config as a stack says it: tests state whole layer lists (a test of one layer, and every test
 * written before overlays), so a config that lists `layers` and says nothing of `replaceDefaults` starts the
 * layers from none (`replaceDefaults: [layers]`), as a list did before overlays. A test of overlays says
 * `replaceDefaults` itself (`[]`: overlay the default layers).
 */
export function asStackConfig<T>(config: T): T {
  if (typeof config !== "object" || config === null || Array.isArray(config)) return config;
  const c = config as Record<string, unknown>;
  const layersKey = "layers" in c ? "layers" : "strata:layers" in c ? "strata:layers" : undefined;
  const replaceKey = layersKey === "layers" ? "replaceDefaults" : "strata:replaceDefaults";
  if (!layersKey || replaceKey in c) return config;
  return { ...c, [replaceKey]: ["layers"] } as T;
}

/** The resolved spec of a raw config (keys without prefix); fails the test when the config is invalid. */
export function specOf(config: unknown): PlatformSpec {
  const result = validateStackConfig(asStackConfig(config));
  if (!result.ok) assert.fail(`config was rejected: ${JSON.stringify(result.issues)}`);
  return result.spec;
}

/** A pinned image for layers written in tests. */
export const TEST_IMAGE = "ghcr.io/example/app:1.0.0";

/** A minimal valid layer (on-demand, TEST_IMAGE), with overrides. Layers given in a test's config replace the defaults (asStackConfig). */
export function testLayer(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, image: TEST_IMAGE, capacityClass: "on-demand", ...extra };
}

/** Runs the program with the given config (keys without the `strata:` prefix). */
export function runWithConfig(config: Record<string, unknown>, stack = "test"): Promise<OfflineRun> {
  const full = Object.fromEntries(Object.entries(asStackConfig(config)).map(([k, v]) => [k.includes(":") ? k : `${NAMESPACE}:${k}`, v]));
  return runProgramOffline({ project: NAMESPACE, stack, config: full });
}

/**
 * The Pulumi type of the Helm releases the data layers' components register (`helm.v3.Release`, the first
 * of the Helm types the pack judges): a Kubernetes resource, but not an object the cluster stores.
 */
export const HELM_RELEASE_TYPE = HELM_RELEASE_TYPES[0];

/** A value with Pulumi's secret markers removed: what the engine would send the API server. */
export { revealSecrets as unwrapSecrets } from "../offline/recorder";

/** Registered Kubernetes resources (typed or custom) as the objects they would apply (Helm releases aside). */
export { registeredKubernetesObjects as kubernetesObjects } from "../offline/kubernetes-objects";

export function objectsOfKind<T = KubernetesObject>(objects: KubernetesObject[], kind: string): (KubernetesObject & T)[] {
  return objects.filter((o) => o.kind === kind) as (KubernetesObject & T)[];
}

export function resourceOfObject(resources: RecordedResource[], kind: string, namespace: string | undefined, name: string): RecordedResource {
  const found = resources.find((r) => {
    const o = r.inputs as unknown as KubernetesObject;
    return o?.kind === kind && o.metadata?.name === name && o.metadata?.namespace === namespace;
  });
  if (!found) throw new Error(`no ${kind} ${namespace ?? ""}/${name} was registered`);
  return found;
}

/** A recorded value with Pulumi's secret markers replaced by what they wrap (to validate or read the content). */
export function revealSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(revealSecrets) as T;
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return revealSecrets(obj.value) as T;
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, revealSecrets(v)])) as T;
  }
  return value;
}
