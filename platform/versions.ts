// Defined in the policy pack (policies/platform/versions.ts), which imports nothing from outside its folder so that
// `pulumi policy publish` can ship policies/ alone; the rest of Strata reads it through here.
export * from "../policies/platform/versions";
