import { CAPABILITIES } from "../capabilities/registry";
import { formatConfigIssues } from "../config";
import { overlaidLists } from "../config/compose";
import { applyOverlays } from "../config/overlays";
import { sourcedConfig, sourcedSpec, type SourcedValue } from "../config/provenance";
import { readStackValues } from "../offline/stack-values";
import { validateStackConfig } from "../stack/spec";
import { EXIT } from "./exit";

export interface ConfigShowOptions {
  stack: string;
  /** The resolved config (every default applied) instead of the config as composed. */
  resolved?: boolean;
  json?: boolean;
  projectDir: string;
}

/** One value as `strata config show --json` prints it. */
export interface ShownValue {
  /** Its key as a stack file writes it: `strata:layers[4].capacityClass`. */
  key: string;
  value: unknown;
  source: SourcedValue["source"];
  /** Where the stack file holds it, when that is another key: `strata:layers[0].capacityClass`. */
  stackKey?: string;
}

/**
 * `strata config show`: a stack's effective config, each value with where it came from. As composed: the
 * stack file's keys with the overlaid lists whole (the default layers, topics, extensions and what the stack
 * changes in them). `--resolved`: the spec the program deploys, every default applied (the profile's too).
 */
export function configShow(options: ConfigShowOptions, out: (text: string) => void, err: (text: string) => void): number {
  const { namespace, values, awsRegion, projectKeys } = readStackValues(options.projectDir, options.stack);
  const result = validateStackConfig(values, { awsRegion });
  if (!result.ok) {
    err(`strata config show: stack ${options.stack}: ${formatConfigIssues(result.issues, namespace)}`);
    return EXIT.invalidConfig;
  }
  const overlaid = applyOverlays(values, overlaidLists(CAPABILITIES), true);
  const composed = sourcedConfig(values, overlaid);
  // A value of a key the stack file does not set but Pulumi.yaml's config: does is the project's default.
  const fromProject = (v: { key: string; stackKey?: string }) => projectKeys.includes(/^[^.[]+/.exec(v.stackKey ?? v.key)![0]);
  for (const v of composed) if (v.source === "stack file" && fromProject(v)) v.source = "Pulumi.yaml";
  let shown = composed;
  if (options.resolved) {
    const other = validateStackConfig({ ...values, profile: result.spec.profile === "prod" ? "dev" : "prod" }, { awsRegion });
    shown = sourcedSpec(result.spec, { raw: overlaid.raw, values: composed }, other.ok ? other.spec : undefined);
  }
  const prefixed: ShownValue[] = shown.map((v) => ({ key: `${namespace}:${v.key}`, value: v.value, source: v.source, ...(v.stackKey ? { stackKey: `${namespace}:${v.stackKey}` } : {}) }));
  if (options.json) {
    out(JSON.stringify({ stack: options.stack, resolved: Boolean(options.resolved), values: prefixed }, null, 2));
    return EXIT.ok;
  }
  out(`stack ${options.stack}: the ${options.resolved ? "resolved" : "composed"} config; each value's source: stack file, Pulumi.yaml, default${options.resolved ? ", profile" : ""}`);
  const lines = prefixed.map((v) => [`${v.key}: ${typeof v.value === "string" ? v.value : JSON.stringify(v.value)}`, v.stackKey ? `${v.source} (${v.stackKey})` : v.source]);
  const width = Math.min(100, Math.max(...lines.map(([text]) => text.length)));
  for (const [text, source] of lines) out(`${text.padEnd(width)}  # ${source}`);
  return EXIT.ok;
}
