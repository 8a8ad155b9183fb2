import type { Profile } from "../../config/profiles";

/** Redis's defaults: 3 leaders, each with a follower, append-only persistence; small in dev. */

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });

export interface RedisProfileDefaults {
  followersPerLeader: number;
  storageSize: string;
  resources: ReturnType<typeof res>;
}

export const redisProfileDefaults: Record<Profile, RedisProfileDefaults> = {
  dev: { followersPerLeader: 1, storageSize: "5Gi", resources: res("100m", "256Mi", "256Mi") },
  prod: { followersPerLeader: 1, storageSize: "20Gi", resources: res("500m", "2Gi", "2Gi") },
};

export const redisDefaults = { leaders: 3, appendOnly: true };
