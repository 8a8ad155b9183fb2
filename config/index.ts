export type { ConfigIssue } from "./issues";
export { ConfigError, formatConfigIssues } from "./errors";
export type * from "./layers/spec";
export type { CapabilityConfig, CheckContext, CoreResolution, CoreSpec, OwnedNamespace, ResolveContext, ResolvedSpecs } from "./capability-config";
export { composeStackSchema, orderByNeeds, validateComposedConfig, type ValidationContext } from "./compose";
