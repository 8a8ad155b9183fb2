export { platformDesiredState, type CloudContext, type LayerDesiredState } from "./desired-state";
export { Platform, type PlatformArgs } from "./platform";
export { strataProgram } from "./program";
export { stackOutputs, type StackOutputs } from "./outputs";
export { stackConfigSchema, validateStackConfig, type CapabilityList, type PlatformSpec, type ValidationResult } from "./spec";
