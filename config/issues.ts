// Defined in the policy pack (policies/engine/config-issues.ts), which imports nothing from outside its folder so that
// `pulumi policy publish` can ship policies/ alone; the rest of Strata reads it through here.
export * from "../policies/engine/config-issues";
