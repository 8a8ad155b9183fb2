// Defined in the policy pack (policies/supply-chain/image-reference.ts), which imports nothing from outside its folder so that
// `pulumi policy publish` can ship policies/ alone; the rest of Strata reads it through here.
export * from "../policies/supply-chain/image-reference";
