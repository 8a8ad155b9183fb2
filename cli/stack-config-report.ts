import type { StackConfigFileError } from "../config/stack-file";
import { EXIT } from "./exit";
import type { InvalidConfigReport } from "./check";

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
  err(command === "check" ? "nothing was registered (0 resources)." : "nothing was rendered.");
  return EXIT.invalidConfig;
}
