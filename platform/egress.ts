// Defined in the policy pack (policies/platform/egress.ts), which imports nothing from outside its folder; the rest of
// Strata reads it through here.
export * from "../policies/platform/egress";
