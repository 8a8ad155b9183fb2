// Defined in the policy pack (policies/platform/placement.ts), which imports nothing from outside its folder so that
// `pulumi policy publish` can ship policies/ alone; the rest of Strata reads it through here.
export * from "../policies/platform/placement";

/** How strictly a layer keeps its pods on separate nodes (`layers[i].antiAffinity`). */
export const antiAffinityModes = ["required", "preferred"] as const;
export type AntiAffinityMode = (typeof antiAffinityModes)[number];
