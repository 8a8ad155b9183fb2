import type * as pulumi from "@pulumi/pulumi";
import type { Profile } from "../config/profiles";
import type { CAPABILITIES } from "../capabilities/registry";
import type { Platform } from "./platform";

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** A capability's stack outputs, as consumers read them (plain values); optional where the capability may not be deployed. */
type OutputsOf<C> = C extends { outputs?(...args: never[]): infer O; resolve: (...args: never[]) => infer R }
  ? undefined extends R
    ? Partial<pulumi.Unwrap<O>>
    : pulumi.Unwrap<O>
  : unknown;

/**
 * Stack outputs: the API applications read through `pulumi.StackReference`. Each capability documents its
 * own (`ClusterOutputs`, `LayerOutputs`, `KafkaOutputs`, `MeshOutputs`, ... in its folder); changing a name or
 * a shape is a breaking change for every consumer, and tests pin them.
 */
export type StackOutputs = {
  /** The profile the stack was deployed with (dev | prod). */
  profile: Profile;
} & UnionToIntersection<OutputsOf<(typeof CAPABILITIES)[number]>>;

/** The program's outputs: the profile, then every deployed capability's, each field as its component made it (secret only where a field is). */
export function stackOutputs(profile: Profile, platform: Platform): Record<string, pulumi.Input<unknown>> {
  return { profile, ...platform.outputs };
}
