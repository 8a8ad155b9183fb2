import { dataServiceEnabled, storageClassOf, type DataResolveContext } from "../../config/data-services";
import { redisDefaults, redisProfileDefaults } from "./defaults";
import { redisImages } from "./pins";
import type { RedisConfig } from "./schema";
import type { RedisSpec } from "./spec";

export function resolveRedisSpec(config: RedisConfig | undefined, context: DataResolveContext): RedisSpec | undefined {
  if (!dataServiceEnabled("redis", config, context.layers)) return undefined;
  const defaults = redisProfileDefaults[context.profile];
  const storageClass = storageClassOf(config?.storageClass, context);
  const leaders = config?.leaders ?? redisDefaults.leaders;
  return {
    leaders,
    followers: config?.followers ?? leaders * defaults.followersPerLeader,
    appendOnly: config?.appendOnly ?? redisDefaults.appendOnly,
    storage: { size: config?.storageSize ?? defaults.storageSize, ...(storageClass ? { storageClass } : {}) },
    resources: structuredClone(config?.resources ?? defaults.resources),
    image: config?.image ?? redisImages.redis,
    exporterImage: config?.exporterImage ?? redisImages.exporter,
  };
}
