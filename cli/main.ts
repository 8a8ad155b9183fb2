#!/usr/bin/env node
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { z } from "zod";
import { profileNames, type Profile } from "../config/profiles";
import { stackConfigSchema } from "../stack/spec";
import { packConfig } from "../stack/pack-config";
import { capabilities } from "./capabilities";
import { StackFileError } from "../offline/stack-file";
import { isPodSecurityVersion } from "../policies/pod-security/version";
import { RenderError } from "../render";
import { CrdCatalogError } from "../validation";
import { check, EXIT } from "./check";
import { addCrdsOption } from "./crds-option";
import { render } from "./render";
import { validate } from "./validate";

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

/** Known failures print one line and exit 1; anything else is a bug and keeps its stack trace. */
async function guard(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (e) {
    if (e instanceof StackFileError || e instanceof CrdCatalogError || e instanceof RenderError) {
      err(`strata: ${e.message}`);
      process.exitCode = EXIT.failed;
      return;
    }
    throw e;
  }
}

// Pulumi's SDK supports Node 22+; older versions may work offline but are not what `pulumi up` will run.
if (Number(process.versions.node.split(".")[0]) < 22) {
  err(`strata: warning: Node ${process.versions.node} is older than 22, which Strata and Pulumi require; \`source scripts/node-env.sh\` puts Node 22 on PATH`);
}

// A closed pipe (`strata check --json | head`) ends the output, not the process with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const program = new Command()
  .name("strata")
  .description("Strata: a layered AI platform on Kubernetes on AWS. Offline checks of the Pulumi program and its policies, and its manifests for GitOps.")
  .option("-C, --project-dir <dir>", "the Strata project (directory of Pulumi.yaml)", process.cwd());

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
  const projectDir = path.resolve(program.opts<{ projectDir: string }>().projectDir);
  await guard(async () => {
    const usage = checkOptionProblem(opts);
    if (usage) {
      err(`strata check: ${usage}`);
      return EXIT.failed;
    }
    const chartCache = opts.chartCache === undefined ? undefined : path.resolve(opts.chartCache);
    return check({ stack: opts.stack, json: opts.json, projectDir, policyConfig: opts.policyConfig, crds: opts.crds, preview: opts.preview, inflateCharts: opts.inflateCharts, chartCache }, out, err);
  });
});

/** Options of `strata check` that do not go together, or name nothing. */
function checkOptionProblem(opts: { preview?: boolean; inflateCharts?: boolean; chartCache?: string }): string | undefined {
  if (opts.chartCache !== undefined && !opts.inflateCharts) return "--chart-cache is where --inflate-charts finds charts: give --inflate-charts too";
  if (opts.inflateCharts && opts.preview) return "--inflate-charts renders charts with their values, which a preview does not know yet: leave out --preview";
  if (opts.chartCache !== undefined && !(fs.existsSync(opts.chartCache) && fs.statSync(opts.chartCache).isDirectory())) return `chart cache ${opts.chartCache} is not a directory`;
  return undefined;
}

program
  .command("render")
  .description("write a stack's desired state as a kustomize tree for GitOps: a directory per layer (objects and helmCharts), secrets as ExternalSecrets, cloud-only values from config or as listed placeholders")
  .requiredOption("-s, --stack <name>", "the stack: reads Pulumi.<name>.yaml")
  .requiredOption("-o, --out <dir>", "the output directory: created, or replaced when it holds a previous render")
  .action(async (opts: { stack: string; out: string }) => {
    const projectDir = path.resolve(program.opts<{ projectDir: string }>().projectDir);
    await guard(async () => render({ stack: opts.stack, out: opts.out, projectDir }, out, err));
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
  await guard(async () => validate({ source, ...opts }, out, err));
  });

program
  .command("capabilities")
  .description("list the platform's capabilities in deployment order: config key, charts and versions, CRD groups, namespaces (and their exemptions), what each needs; with --stack, whether the stack enables each")
  .option("-s, --stack <name>", "a stack (Pulumi.<name>.yaml): say which capabilities it enables")
  .option("--json", "print one JSON document")
  .action(async (opts: { stack?: string; json?: boolean }) => {
    const projectDir = path.resolve(program.opts<{ projectDir: string }>().projectDir);
    await guard(async () => capabilities({ stack: opts.stack, json: opts.json, projectDir }, out, err));
  });

program
  .command("pack-config")
  .description("print the policy pack config of a profile, as the capabilities declare it (levels, exemptions with reasons, the Helm allow-list): what policies/config/<profile>.json holds for `pulumi preview --policy-pack-config`")
  .addOption(new Option("--profile <profile>", "the profile").choices([...profileNames]).makeOptionMandatory())
  .action((opts: { profile: Profile }) => {
    out(JSON.stringify(packConfig(opts.profile), null, 2));
  });

program
  .command("config-schema")
  .description("print the JSON Schema of the stack config (keys under the project namespace)")
  .action(() => {
    out(JSON.stringify(z.toJSONSchema(stackConfigSchema, { io: "input" }), null, 2));
  });

program.parseAsync(process.argv).catch((e) => {
  err(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = EXIT.failed;
});
