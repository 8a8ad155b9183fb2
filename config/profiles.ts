/**
 * Profiles pick defaults for a whole stack; explicit keys in stack config override them.
 * prod is the highly available shape: more replicas and zone spread that refuses to pile up in one zone.
 */
export const profileNames = ["dev", "prod"] as const;
export type Profile = (typeof profileNames)[number];

export type SpreadMode = "DoNotSchedule" | "ScheduleAnyway";

export interface ProfileDefaults {
  /** Replicas of an application layer (and the autoscaler's lower bound) when the layer sets none. */
  replicas: number;
  /** Topology spread across availability zones. */
  zoneSpread: SpreadMode;
  /** Topology spread across nodes. */
  hostSpread: SpreadMode;
}

export const profileDefaults: Record<Profile, ProfileDefaults> = {
  // Two replicas even in dev: a PDB with maxUnavailable 1 can then still drain a node.
  dev: { replicas: 2, zoneSpread: "ScheduleAnyway", hostSpread: "ScheduleAnyway" },
  prod: { replicas: 3, zoneSpread: "DoNotSchedule", hostSpread: "ScheduleAnyway" },
};

/** A value below prod's minimum. */
export function prodMinimum(path: string, value: unknown, min: number, what: string): { path: string; message: string }[] {
  return Number.isInteger(value) && (value as number) < min ? [{ path, message: `prod runs at least ${min} ${what} (got ${value})` }] : [];
}
