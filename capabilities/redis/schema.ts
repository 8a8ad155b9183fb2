import { z } from "zod";
import { dataResourcesSchema, storageClassName, storageSize } from "../../config/data-shapes";
import { pinnedImage } from "../../config/primitives";

/**
 * The stack-config shape of the Redis layer (`strata:redis`): an OpsTree RedisCluster of leaders and
 * followers. Defaults in defaults.ts and resolve.ts; cross-key rules (a follower per leader in prod) in checks.ts.
 */
export const redisSchema = z
  .object({
    /** Deploy Redis; default: when some layer declares `dataServices.redis`. */
    enabled: z.boolean().optional(),
    /** Leaders (masters; the hash slots are split among them): Redis Cluster needs at least 3. */
    leaders: z.int32().min(3, { message: "Redis Cluster needs at least 3 leaders" }).max(100).optional(),
    /** Followers (replicas), assigned to leaders in turn; default one per leader. */
    followers: z.int32().min(0).max(300).optional(),
    /** Append-only file persistence (every write logged, fsync every second); default on. */
    appendOnly: z.boolean().optional(),
    storageSize: storageSize.optional(),
    storageClass: storageClassName.optional(),
    resources: dataResourcesSchema.optional(),
    /** Pinned Redis and exporter images (a version tag or a digest, never `latest`). */
    image: pinnedImage.optional(),
    exporterImage: pinnedImage.optional(),
  })
  .strict();

export type RedisInput = z.input<typeof redisSchema>;
export type RedisConfig = z.output<typeof redisSchema>;
