import { crossKeyIssues } from "./layers/checks";
import { clusterIssues, clusterMode, type ValidationContext } from "../capabilities/cluster/checks";
import { dataIssues } from "./data-checks";
import { defaultLayers } from "./layers/default-layers";
import { fromZodIssues, normalizeIssues, type ConfigIssue } from "./issues";
import { resolvePlatformSpec } from "./layers/resolve";
import { secretsIssues } from "../capabilities/secrets/checks";
import { servicesIssues } from "./services-checks";
import { stackConfigSchema } from "./schema";
import { tenancyIssues } from "./layers/tenancy-checks";
import type { PlatformSpec } from "./layers/spec";
import { isObject, layersOf, profileOf } from "./raw";

export type { ConfigIssue } from "./issues";
export { ConfigError, formatConfigIssues } from "./errors";
export type * from "./layers/spec";
export type { ValidationContext } from "../capabilities/cluster/checks";

export type ValidationResult = { ok: true; spec: PlatformSpec } | { ok: false; issues: ConfigIssue[] };

/**
 * Validates a whole stack config (the values under the project's namespace, keys without the prefix) and
 * resolves it to a PlatformSpec. Every problem is reported at once, each with its key path. `context` adds
 * what the program knows from outside the namespace (the AWS region), for the checks that need it.
 */
export function validateStackConfig(raw: unknown, context: ValidationContext = {}): ValidationResult {
  const parsed = stackConfigSchema.safeParse(raw);
  const issues = normalizeIssues([
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues, raw, stackConfigSchema)),
    ...crossKeyIssues(raw, defaultLayers),
    ...clusterIssues(raw, defaultLayers, context),
    ...dataIssuesOf(raw, defaultLayers, context),
    ...servicesIssues(raw, defaultLayers, context),
    ...tenancyIssues(raw, defaultLayers),
    ...secretsIssues(raw, defaultLayers),
  ]);
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, spec: resolvePlatformSpec(parsed.data, defaultLayers, context.awsRegion) };
}

function dataIssuesOf(raw: unknown, defaultLayers: unknown[], context: ValidationContext) {
  if (!isObject(raw)) return [];
  return dataIssues(raw, {
    profile: profileOf(raw),
    layers: layersOf(raw, defaultLayers),
    defaultLayers: !Array.isArray(raw.layers),
    clusterMode: clusterMode(raw),
    awsRegion: context.awsRegion,
  });
}
