import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../cli/program";
import { PROJECT_DIR, sharedStackRun } from "./harness";

/**
 * `strata` for the tests. In this process (`strata`): the command line as the built CLI parses and runs it
 * (cli/program.ts), its exit code and every byte it writes, with this project's stacks run once per test
 * process. As a separate process (`strataProcess`): the built CLI itself, for each command's wiring, once
 * (tests/cli-wiring.test.ts).
 */

export const CLI = path.join(PROJECT_DIR, "dist", "cli", "main.js");

export interface CliResult {
  /** The exit code (`status` too, as spawnSync names it). */
  code: number;
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `strata <args>` in this process, from the project directory, with `input` as its standard input. */
export async function strata(args: readonly string[], input?: string): Promise<CliResult> {
  if (process.cwd() !== PROJECT_DIR) throw new Error(`tests run from ${PROJECT_DIR}, not ${process.cwd()}: relative paths would resolve elsewhere`);
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdin: () => input ?? "",
    runStack: sharedStackRun,
  });
  return { code, status: code, stdout, stderr };
}

export interface ProcessResult extends CliResult {
  /** The files of every module the process loaded. */
  modules: string[];
}

/** Runs the built CLI (dist/cli/main.js) as a separate process from the project directory. */
export function strataProcess(args: readonly string[], input?: string): ProcessResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "strata-modules-")), "modules.json");
  const preload = path.join(__dirname, "fixtures", "report-loaded-modules.js");
  const r = spawnSync(process.execPath, ["--require", preload, CLI, ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    input,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, STRATA_LOADED_MODULES: report },
  });
  const modules = fs.existsSync(report) ? (JSON.parse(fs.readFileSync(report, "utf8")) as string[]) : [];
  return { code: r.status ?? -1, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, modules };
}
