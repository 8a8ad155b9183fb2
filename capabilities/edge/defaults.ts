import type { Profile } from "../../config/profiles";

/** The controller: one replica in dev, two (its leader election's standby, a PDB) in prod. */
export const edgeProfileDefaults: Record<Profile, { replicas: number }> = {
  dev: { replicas: 1 },
  prod: { replicas: 2 },
};

export const edgeProdMinimums = { replicas: 2 } as const;

export const edgeDefaults = {
  /** AWS's own example rate for a rate-based rule: 2000 requests per client IP in 5 minutes. */
  rateLimit: 2000,
} as const;
