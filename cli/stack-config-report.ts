import type { ConfigIssue } from "../config";
import { formatConfigIssues } from "../config";
import type { StackConfigFileError } from "../config/stack-file";
import { EXIT } from "./exit";
import type { InvalidConfigReport } from "./check";

/** What a command that stopped on invalid config did not do. */
const nothingDone = (command: string, registered = 0) => (command === "check" ? `nothing was registered (${registered} resources).` : "nothing was rendered.");

/** A stack whose config did not validate: what `stackDesiredState` and an offline run return. */
export interface ConfigFailure {
  stack: string;
  namespace: string;
  issues: ConfigIssue[];
  /** What the program registered before it stopped (a run's). */
  resources?: readonly unknown[];
}

/**
 * Invalid stack config (exit 2): every problem with its key path on stderr, and with --json the
 * `{ stack, configErrors, resources: [] }` document on stdout. Shared by `check` and `render`.
 */
export function reportConfigIssues(command: string, failure: ConfigFailure, json: boolean | undefined, out: (text: string) => void, err: (text: string) => void): number {
  const { stack, namespace, issues } = failure;
  if (json) {
    const report: InvalidConfigReport = { stack, configErrors: issues.map((i) => ({ key: `${namespace}:${i.path}`, message: i.message })), resources: [] };
    out(JSON.stringify(report, null, 2));
  }
  err(`strata ${command}: stack ${stack}: ${formatConfigIssues(issues, namespace)}`);
  err(nothingDone(command, failure.resources?.length));
  return EXIT.invalidConfig;
}

/**
 * A stack file that cannot be read as config, said like invalid config (exit 2): one line per problem with
 * where it is (`file:line:col` or the key), and with --json the `{ stack, configErrors, resources: [] }`
 * document invalid config prints.
 */
export function reportStackConfigFile(command: string, e: StackConfigFileError, json: boolean | undefined, out: (text: string) => void, err: (text: string) => void): number {
  if (json) {
    const report: InvalidConfigReport = { stack: e.stack, configErrors: e.problems, resources: [] };
    out(JSON.stringify(report, null, 2));
  }
  const count = e.problems.length === 1 ? "1 problem" : `${e.problems.length} problems`;
  err(`strata ${command}: stack ${e.stack}: invalid stack file (${count}):`);
  for (const p of e.problems) err(`  - ${p.key}: ${p.message}`);
  err(nothingDone(command));
  return EXIT.invalidConfig;
}
