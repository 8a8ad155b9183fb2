import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { profileNames, type Profile } from "../config/profiles";
import type { OfflineRun } from "../offline/run";
import { isPodSecurityVersion } from "../policies/pod-security/version";
import { addCrdsOption } from "./crds-option";
import { EXIT } from "./exit";
import { addHelpTexts, discoverProjectDir, strataVersion } from "./help-text";

/**
 * The `strata` command line, runnable in-process: `cli/main.ts` runs it on the process's arguments and
 * streams; the tests run it on theirs. Each command's module is loaded (require, which the tests' TypeScript
 * loader resolves too) only when that command runs, so `--help`, `render`, `validate`, `config-schema`,
 * `capabilities` and `pack-config` never load the Pulumi SDK (only `check` runs the program).
 */
/* eslint-disable @typescript-eslint/no-require-imports */

export interface CliIo {
  /** Writes to standard output, as given. */
  stdout(text: string): void;
  /** Writes to standard error, as given. */
  stderr(text: string): void;
  /** Standard input, whole (`strata validate -`); default: the process's. */
  stdin?: () => string;
  /** Runs a stack's program offline for `check` (default: runStackOffline); tests share one run per stack. */
  runStack?: (projectDir: string, stack: string) => Promise<OfflineRun>;
  /** The process's own terminal: help is coloured and wrapped as the terminal allows (default: plain, 80 columns). */
  terminal?: boolean;
}

/** Known failures print one line and exit 1; anything else is a bug and keeps its stack trace. */
async function guard(action: () => Promise<number>, err: (text: string) => void): Promise<number> {
  try {
    return await action();
  } catch (e) {
    // The modules that throw these are loaded by then; asking for them costs nothing.
    const { StackFileError, StackConfigFileError } = require("../config/stack-file") as typeof import("../config/stack-file");
    const { CrdCatalogError } = require("../validation/crd-catalog") as typeof import("../validation/crd-catalog");
    const { RenderError } = require("../render/render-error") as typeof import("../render/render-error");
    if (e instanceof StackConfigFileError) {
      err(`strata: stack ${e.stack}: invalid stack file:`);
      for (const p of e.problems) err(`  - ${p.key}: ${p.message}`);
      return EXIT.invalidConfig;
    }
    if (e instanceof StackFileError || e instanceof CrdCatalogError || e instanceof RenderError) {
      err(`strata: ${e.message}`);
      return EXIT.failed;
    }
    throw e;
  }
}

/** Options of `strata check` that do not go together, or name nothing. */
function checkOptionProblem(opts: { preview?: boolean; inflateCharts?: boolean; chartCache?: string }): string | undefined {
  if (opts.chartCache !== undefined && !opts.inflateCharts) return "--chart-cache is where --inflate-charts finds charts: give --inflate-charts too";
  if (opts.inflateCharts && opts.preview) return "--inflate-charts renders charts with their values, which a preview does not know yet: leave out --preview";
  if (opts.chartCache !== undefined && !(fs.existsSync(opts.chartCache) && fs.statSync(opts.chartCache).isDirectory())) return `chart cache ${opts.chartCache} is not a directory`;
  return undefined;
}

function strataCommand(io: CliIo, setExitCode: (code: number) => void): Command {
  const out = (text: string) => io.stdout(`${text}\n`);
  const err = (text: string) => io.stderr(`${text}\n`);
  const run = async (action: () => Promise<number>) => setExitCode(await guard(action, err));

  const program = new Command()
    .name("strata")
    .description("Strata: a layered AI platform on Kubernetes on AWS. Offline checks of the Pulumi program and its policies, and its manifests for GitOps.")
    .version(strataVersion(), "-V, --version", "print Strata's version")
    .option("-C, --project-dir <dir>", "the Strata project (directory of Pulumi.yaml; default: the nearest one from the current directory upwards)")
    // Set before the commands are added: they inherit it.
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      ...(io.terminal ? {} : { getOutHelpWidth: () => 80, getErrHelpWidth: () => 80, getOutHasColors: () => false, getErrHasColors: () => false }),
    });
  const projectDir = () => {
    const given = program.opts<{ projectDir?: string }>().projectDir;
    return given === undefined ? discoverProjectDir(process.cwd()) : path.resolve(given);
  };

  addCrdsOption(
    program
      .command("check")
      .description(
        "run the program for a stack under Pulumi's in-process mocks (no cloud, no cluster, no Pulumi CLI), run the policy pack on it, and validate every Kubernetes object against its schema; schema errors and mandatory violations fail the check",
      )
      .requiredOption("-s, --stack <name>", "the stack: reads Pulumi.<name>.yaml")
      .option("--json", "print one JSON document: stack, resources, outputs, violations, exemptions, schemaErrors")
      .option("--policy-config <file>", "the policy pack config (default: the stack profile's, policies/config/<profile>.json)")
      .option("--preview", "judge the stack as a first `pulumi preview` sees it: every id and every value AWS or @pulumi/random computes is unknown; what a rule cannot judge for an unknown is reported as advisory")
      .option("--inflate-charts", "render every Helm release with `helm template` (its pinned version, its values) and validate and judge what it installs, in its namespace")
      .option("--chart-cache <dir>", "with --inflate-charts: a directory of charts (<chart>-<version>.tgz as `helm pull` saves them, or chart directories) used instead of the repositories"),
  ).action(async (opts: { stack: string; json?: boolean; policyConfig?: string; crds?: string[]; preview?: boolean; inflateCharts?: boolean; chartCache?: string }) => {
    await run(async () => {
      const usage = checkOptionProblem(opts);
      if (usage) {
        err(`strata check: ${usage}`);
        return EXIT.failed;
      }
      const chartCache = opts.chartCache === undefined ? undefined : path.resolve(opts.chartCache);
      const { check } = require("./check") as typeof import("./check");
      return check(
        { stack: opts.stack, json: opts.json, projectDir: projectDir(), policyConfig: opts.policyConfig, crds: opts.crds, preview: opts.preview, inflateCharts: opts.inflateCharts, chartCache, runStack: io.runStack },
        out,
        err,
      );
    });
  });

  program
    .command("render")
    .description("write a stack's desired state as a kustomize tree for GitOps: a directory per layer (objects and helmCharts), secrets as ExternalSecrets, cloud-only values from config or as listed placeholders")
    .requiredOption("-s, --stack <name>", "the stack: reads Pulumi.<name>.yaml")
    .requiredOption("-o, --out <dir>", "the output directory: created, or a previous render's, whose own files are replaced (anything else there survives)")
    .option("--gitops <controller>", "also write the controller's wiring: argocd (an app of apps, argocd/) or flux (Kustomizations and HelmReleases, flux/)")
    .option("--repo-url <url>", "with --gitops: the Git repository the tree is committed to (default: gitops.repository.url)")
    .option("--repo-branch <branch>", "with --gitops: its branch (default: gitops.repository.branch, else main)")
    .option("--repo-path <dir>", "with --gitops: the tree's directory in the repository (default: gitops.repository.path)")
    .option("--json", "print one JSON document instead of the summary: stack, out, objects, helmCharts, files, layers, placeholders, gitops (with --gitops); on invalid config { stack, configErrors, resources: [] }")
    .action(async (opts: { stack: string; out: string; gitops?: string; repoUrl?: string; repoBranch?: string; repoPath?: string; json?: boolean }) => {
      await run(async () => {
        const { render } = require("./render") as typeof import("./render");
        return render({ ...opts, projectDir: projectDir() }, out, err);
      });
    });

  program
    .command("graph")
    .description("draw a stack: its layers (by startup wave, with their capacity class), data services and platform capabilities, the declared peer, data-service and startup edges; with --flows the flows its NetworkPolicies allow")
    .requiredOption("-s, --stack <name>", "the stack: reads Pulumi.<name>.yaml")
    .option("--format <format>", "mermaid, dot, svg or html (one self-contained page)", "mermaid")
    .option("--flows", "also draw the namespace-to-namespace flows the rendered NetworkPolicies allow (what the cluster enforces, not what the config declares)")
    .option("-o, --out <file>", "write to this file instead of standard output")
    .action(async (opts: { stack: string; format: string; flows?: boolean; out?: string }) => {
      await run(async () => {
        const { graph } = require("./graph") as typeof import("./graph");
        return graph({ ...opts, projectDir: projectDir() }, out, err);
      });
    });

  addCrdsOption(
    program
      .command("validate")
      .description("run the policy pack's rules and the schema validation on Kubernetes manifests (a file, a directory of YAML, or - for stdin, e.g. `helm template … | strata validate -`)")
      .argument("<source>", "a YAML file, a directory of them, or - for standard input")
      .addOption(new Option("--level <level>", "judge every pod at this Pod Security level instead of its namespace's").choices(["baseline", "restricted"]))
      .option("--pss-version <version>", 'Pod Security version, "v1.<minor>" or "latest" (default: each namespace\'s enforce-version label, else the pinned one)', (value: string) => {
        if (!isPodSecurityVersion(value)) throw new InvalidArgumentError('expected "latest" or "v1.<minor>", e.g. v1.34');
        return value;
      })
      .option("--policy-config <file>", "a policy pack config (levels, exemptions, Helm allow-list); default: every rule mandatory")
      .option("--json", "print one JSON document: objects, violations, schemaErrors"),
  ).action(async (source: string, opts: { level?: "baseline" | "restricted"; pssVersion?: "latest" | `v1.${number}`; policyConfig?: string; json?: boolean; crds?: string[] }) => {
    await run(async () => {
      const { validate } = require("./validate") as typeof import("./validate");
      return validate({ source, ...opts, ...(io.stdin ? { stdin: io.stdin } : {}) }, out, err);
    });
  });

  program
    .command("capabilities")
    .description("list the platform's capabilities in deployment order: config key, charts and versions, CRD groups, namespaces (and their exemptions), what each needs; with --stack, whether the stack enables each")
    .option("-s, --stack <name>", "a stack (Pulumi.<name>.yaml): say which capabilities it enables")
    .option("--json", "print one JSON document")
    .action(async (opts: { stack?: string; json?: boolean }) => {
      await run(async () => {
        const { capabilities } = require("./capabilities") as typeof import("./capabilities");
        return capabilities({ stack: opts.stack, json: opts.json, projectDir: projectDir() }, out, err);
      });
    });

  program
    .command("pack-config")
    .description("print the policy pack config of a profile, as the capabilities declare it (levels, exemptions with reasons, the Helm allow-list): what policies/config/<profile>.json holds for `pulumi preview --policy-pack-config`")
    .addOption(new Option("--profile <profile>", "the profile").choices([...profileNames]).makeOptionMandatory())
    .action((opts: { profile: Profile }) => {
      const { packConfig } = require("../stack/pack-config") as typeof import("../stack/pack-config");
      out(JSON.stringify(packConfig(opts.profile), null, 2));
    });

  program
    .command("config")
    .description("a stack's config")
    .command("show")
    .description(
      "print a stack's effective config, each value with where it came from (stack file, default, profile): as composed (the default layers, topics and extensions with the stack's overlays), or --resolved (every default applied, as deployed)",
    )
    .requiredOption("-s, --stack <name>", "the stack: reads Pulumi.<name>.yaml")
    .option("--resolved", "the resolved config: every default applied (the profile's, each capability's)")
    .option("--json", "print one JSON document: stack, resolved, values [{ key, value, source, stackKey? }]")
    .action(async (opts: { stack: string; resolved?: boolean; json?: boolean }) => {
      await run(async () => {
        const { configShow } = require("./config-show") as typeof import("./config-show");
        return configShow({ ...opts, projectDir: projectDir() }, out, err);
      });
    });

  program
    .command("config-schema")
    .description("print the JSON Schema of a stack file (Pulumi.<stack>.yaml): Strata's keys under the strata: prefix, each described; for the YAML language server in editors")
    .action(() => {
      const { stackFileSchema } = require("./config-schema") as typeof import("./config-schema");
      out(JSON.stringify(stackFileSchema(), null, 2));
    });

  addHelpTexts(program);
  return program;
}

/**
 * Runs `strata` on `args` (without the node and script paths) and returns its exit code. Usage errors and
 * `--help` end as commander ends them (its message, its exit code); a bug's stack trace goes to stderr with
 * exit code 1.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    await strataCommand(io, (code) => (exitCode = code)).parseAsync([...args], { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    io.stderr(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failed;
  }
}
