import { CUSTOM_RESOURCE_POD_SPEC_EXTRACTORS } from "./custom-resource-pod-specs";
import { CORE_POD_SPEC_EXTRACTORS, PodSpecExtractors } from "./pod-spec";

/**
 * Every pod-bearing kind Strata knows: the core kinds, their patches, and the registered custom resources.
 * A module of its own: the render finds pod specs with it (secret references) without loading the rules.
 */
export const POD_SPEC_EXTRACTORS = new PodSpecExtractors([...CORE_POD_SPEC_EXTRACTORS, ...CUSTOM_RESOURCE_POD_SPEC_EXTRACTORS]);
