// First: the SDK must not be loaded before it.
import "./deferred-sdk-modules";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type ConfigIssue } from "../config";
import type { Capability } from "../capabilities/capability";
import { setSecureConfigPaths } from "../config/pulumi-config";
import { strataProgram } from "../stack/program";
import { leanRuntime } from "./lean-runtime";
import { mapUnknowns, maskSecrets, ResourceRecorder, ROOT_STACK_TYPE, type RecordedResource } from "./recorder";
import { readProjectFile, readStackFile, stackNameOf, toEngineConfig } from "../config/stack-file";

/**
 * Runs the real Strata program with no cloud, no cluster and no Pulumi CLI: Pulumi's in-process mocks
 * stand in for the engine, the stack's config is handed over as the CLI would, and every registered
 * resource is recorded.
 */

export interface OfflineProgramOptions {
  project: string;
  stack: string;
  /** Config by full key (`strata:profile`), structured values as objects. */
  config: Record<string, unknown>;
  secretKeys?: string[];
  /** Where the `secure:` values are (full key, then keys and indexes), as the stack file says; default: every string of a secret key is secret. */
  securePaths?: (string | number)[][];
  /** Run as a first `pulumi preview` sees it: every id and every value AWS or @pulumi/random computes is unknown. */
  preview?: boolean;
  /**
   * Pulumi's runtime without the work only the Pulumi CLI reads (offline/lean-runtime.ts); default true.
   * false runs the stock runtime, which registers the same (tests/offline-lean.test.ts compares them).
   */
  lean?: boolean;
}

interface RunBase {
  project: string;
  stack: string;
  /** Registered resources, the root stack resource aside. */
  resources: RecordedResource[];
}

export interface SucceededRun extends RunBase {
  ok: true;
  /** Stack outputs, secrets masked as "[secret]". */
  outputs: Record<string, unknown>;
  /** Paths of the outputs that are secret. */
  secretOutputs: string[];
}

export interface InvalidConfigRun extends RunBase {
  ok: false;
  issues: ConfigIssue[];
  namespace: string;
}

export type OfflineRun = SucceededRun | InvalidConfigRun;

// Pulumi's runtime state is global to the process: runs must not overlap.
let queue: Promise<unknown> = Promise.resolve();

/** Waits for registrations still in flight (the runtime exports this without declaring it). */
function waitForRegistrations(): Promise<void> {
  return (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

/**
 * Runs a program (by default the Strata program) offline. Tests pass their own program to exercise one
 * component under the same mocks and recorder.
 */
export function runProgramOffline(options: OfflineProgramOptions, program: () => Promise<Record<string, unknown> | void> = () => strataProgram()): Promise<OfflineRun> {
  const run = queue.then(() => runOnce(options, program));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(options: OfflineProgramOptions, program: () => Promise<Record<string, unknown> | void>): Promise<OfflineRun> {
  const restore = options.lean === false ? () => undefined : leanRuntime();
  try {
    return await runRecorded(options, program);
  } finally {
    setSecureConfigPaths(undefined);
    restore();
  }
}

async function runRecorded(options: OfflineProgramOptions, program: () => Promise<Record<string, unknown> | void>): Promise<OfflineRun> {
  const recorder = new ResourceRecorder(options.preview);
  await recorder.install(options.project, options.stack);
  pulumi.runtime.setAllConfig(toEngineConfig(options.config), options.secretKeys ?? []);
  // Without the namespace, as the program reads its config.
  setSecureConfigPaths(options.securePaths?.map(([key, ...rest]) => [String(key).slice(String(key).indexOf(":") + 1), ...rest]));

  const base = { project: options.project, stack: options.stack };
  // The program's failure is caught inside the stack's init: thrown from there, it would also reject the
  // stack resource's own promises, which nobody awaits.
  let failure: unknown;
  await pulumi.runtime.runInPulumiStack(async () => {
    try {
      return (await program()) ?? {};
    } catch (err) {
      failure = err;
      return {};
    }
  });
  await waitForRegistrations();
  const resources = recorder.resources.filter((r) => r.type !== ROOT_STACK_TYPE);

  if (failure instanceof ConfigError) return { ...base, ok: false, issues: failure.issues, namespace: failure.namespace, resources };
  if (failure) throw failure;
  if (recorder.duplicateUrns.length) {
    throw new Error(`resources registered twice (the engine would refuse them): ${recorder.duplicateUrns.join(", ")}`);
  }
  const { value, secrets } = maskSecrets(mapUnknowns(recorder.rawStackOutputs ?? {}, () => UNKNOWN_OUTPUT));
  return { ...base, ok: true, resources, outputs: value as Record<string, unknown>, secretOutputs: secrets };
}

/** How an output unknown in a preview is printed. */
export const UNKNOWN_OUTPUT = "[unknown]";

/**
 * Runs the program for `Pulumi.<stack>.yaml` of the project in `projectDir` (as a first preview sees it, with
 * `preview`), composed of `capabilities` (default: the registry's).
 */
export function runStackOffline(
  projectDir: string,
  stack: string,
  options: Pick<OfflineProgramOptions, "lean" | "preview"> & { capabilities?: readonly Capability[] } = {},
): Promise<OfflineRun> {
  const project = readProjectFile(projectDir);
  const { config, secretKeys, securePaths } = readStackFile(projectDir, project, stack);
  const { capabilities, ...runOptions } = options;
  return runProgramOffline({ project: project.name, stack: stackNameOf(stack, project.name), config, secretKeys, securePaths, ...runOptions }, capabilities ? () => strataProgram(capabilities) : () => strataProgram());
}
