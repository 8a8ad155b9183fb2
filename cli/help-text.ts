import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { versionAbove } from "../platform/package-version";
import { EXIT } from "./exit";

/**
 * What every `--help` ends with: examples and exit codes, per command (a test checks that every command has
 * both). The codes are EXIT's, named once.
 */
const codes = {
  ok: `${EXIT.ok}  done`,
  failed: `${EXIT.failed}  failed: schema errors, an unknown stack, unreadable files, a missing CRD directory, options that do not go together`,
  invalidConfig: `${EXIT.invalidConfig}  invalid stack config (or policy config): every problem with its key path on stderr, nothing registered`,
  policyViolations: `${EXIT.policyViolations}  a mandatory policy violation (and no schema error)`,
  usage: `${EXIT.failed}  a usage error (unknown option, missing argument)`,
  /** The program's: what any command's 2 is. */
  anyInvalid: `${EXIT.invalidConfig}  invalid stack config (or policy config), or an option value render or graph refuses: every problem on stderr, nothing registered or written`,
  /** 1 for a command whose refused options exit 2 (`refused`), without them. */
  failedWith: (what: string) => `${EXIT.failed}  failed: ${what}`,
  /** A command that refuses option values as it refuses invalid config: exit 2, nothing written. */
  refused: (what: string) => `${EXIT.invalidConfig}  invalid stack config, or an option value that is refused: ${what}; every problem on stderr, nothing written`,
};

interface CommandHelp {
  examples: string[];
  exitCodes: string[];
}

export const COMMAND_HELP: Record<string, CommandHelp> = {
  strata: {
    examples: ["strata check --stack dev --crds ../shared/crds", "strata render --stack dev --out rendered/dev", "strata --version", "strata check --help"],
    exitCodes: [codes.ok, codes.failed, codes.anyInvalid, codes.policyViolations],
  },
  check: {
    examples: ["strata check --stack dev", "strata check --stack prod --json --crds ../shared/crds", "strata check --stack prod --preview", "strata check --stack dev --inflate-charts --chart-cache charts/"],
    exitCodes: [codes.ok, codes.failed, codes.invalidConfig, codes.policyViolations],
  },
  render: {
    examples: [
      "strata render --stack dev --out rendered/dev",
      "strata render --stack dev --out rendered/dev --json",
      "strata render --stack prod --out rendered/prod --gitops argocd --repo-url https://git.example.com/platform.git --repo-path rendered/prod",
      ".tools/kube/kubectl kustomize --enable-helm --helm-command .tools/kube/helm3 rendered/dev",
    ],
    exitCodes: [
      codes.ok,
      codes.failedWith("an unknown stack, unreadable files, another render writing the same --out"),
      codes.refused("an unknown --gitops, a --repo-* flag without --gitops or malformed, no repository for --gitops, an --out that is a file, /, the project or a symlink"),
    ],
  },
  validate: {
    examples: ["strata validate rendered/dev --crds ../shared/crds", "helm template my-chart | strata validate - --level restricted", "strata validate manifest.yaml --json"],
    exitCodes: [codes.ok, codes.failed, codes.invalidConfig, codes.policyViolations],
  },
  graph: {
    examples: ["strata graph --stack dev", "strata graph --stack prod --flows --format html -o prod.html", "strata graph --stack prod --format dot | dot -Tpng > prod.png"],
    exitCodes: [codes.ok, codes.failedWith("an unknown stack, unreadable files"), codes.refused("an unknown --format, an --out that is a directory or lies in a missing directory")],
  },
  capabilities: {
    examples: ["strata capabilities", "strata capabilities --stack prod --json"],
    exitCodes: [codes.ok, codes.failed, codes.invalidConfig],
  },
  "pack-config": {
    examples: ["strata pack-config --profile prod > policies/config/prod.json"],
    exitCodes: [codes.ok, codes.usage],
  },
  config: {
    examples: ["strata config show --stack dev", "strata config show --stack prod --resolved --json"],
    exitCodes: [codes.ok, codes.failed, codes.invalidConfig],
  },
  "config show": {
    examples: ["strata config show --stack dev", "strata config show --stack prod --resolved", "strata config show --stack prod --json"],
    exitCodes: [codes.ok, codes.failed, codes.invalidConfig],
  },
  "config-schema": {
    examples: ["strata config-schema > strata.schema.json", "# then, first line of Pulumi.<stack>.yaml:  # yaml-language-server: $schema=./strata.schema.json"],
    exitCodes: [codes.ok],
  },
};

export function helpTextOf(name: string): string | undefined {
  const help = COMMAND_HELP[name];
  if (!help) return undefined;
  return ["", "Examples:", ...help.examples.map((e) => `  $ ${e}`), "", "Exit codes:", ...help.exitCodes.map((c) => `  ${c}`)].join("\n");
}

/** Adds the examples and exit codes to the program's and each command's help. */
export function addHelpTexts(program: Command): void {
  for (const command of [program, ...program.commands]) {
    const text = helpTextOf(command.name());
    if (text) command.addHelpText("after", text);
    // A group's subcommands (`config show`) under their full name.
    for (const sub of command === program ? [] : command.commands) {
      const subText = helpTextOf(`${command.name()} ${sub.name()}`);
      if (subText) sub.addHelpText("after", subText);
    }
  }
}

/** The package's version (package.json beside dist/ or the sources). */
export function strataVersion(): string {
  return versionAbove(__dirname, "strata") ?? "unknown";
}

/**
 * The project directory: `-C` when given; else the nearest directory holding Pulumi.yaml from `cwd` upwards
 * (so `strata` works from a subdirectory, as git does); else `cwd`, whose errors then name it.
 */
export function discoverProjectDir(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}
