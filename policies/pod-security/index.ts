/** Pod Security Standards rules: pure checks, pod specs of every pod-bearing kind, and the level evaluator. */
export * from "./custom-resource-pod-specs";
export * from "./evaluate";
export * from "./pod";
export * from "./pod-spec";
export * from "./pod-spec-extractors";
export * from "./rule";
export * from "./rules";
export * from "./version";
