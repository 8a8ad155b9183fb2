import { z } from "zod";
import { backupSchema } from "../capabilities/backup/schema";
import { clusterSchema } from "../capabilities/cluster/schema";
import { kafkaSchema } from "../capabilities/kafka/schema";
import { gitopsSchema } from "../capabilities/gitops/schema";
import { applicationLayerSchema } from "./layers/schema";
import { postgresSchema } from "../capabilities/postgres/schema";
import { redisSchema } from "../capabilities/redis/schema";
import { meshSchema } from "../capabilities/mesh/schema";
import { observabilitySchema } from "../capabilities/observability/schema";
import { profileNames } from "./profiles";
import { secretsSchema } from "../capabilities/secrets/schema";
import { tenantSchema } from "./layers/tenancy-schema";

/**
 * The whole stack config under the project's namespace (`strata:<key>` in Pulumi.<stack>.yaml).
 * Unknown keys are errors: a typo must not silently fall back to a default.
 */
export const stackConfigSchema = z
  .object({
    /** dev | prod: picks the defaults (replicas, zone spread, PDBs); explicit keys override. */
    profile: z.enum(profileNames),
    /** Application layers; when absent, the default set L0–L5. */
    layers: z.array(applicationLayerSchema).min(1).optional(),
    /** Tenants: each gets its own copy (namespace set) of the per-tenant layers; see README "Tenancy". */
    tenants: z.array(tenantSchema).min(1).optional(),
    /** The cluster: created on EKS (mode eks, the default) or an existing one (mode existing). */
    cluster: clusterSchema.optional(),
    /** Kafka (Strimzi, KRaft): deployed when a layer uses it; see README "Data layers". */
    kafka: kafkaSchema.optional(),
    /** Postgres (Crunchy PGO): deployed when a layer uses it. */
    postgres: postgresSchema.optional(),
    /** Redis Cluster (OpsTree redis-operator): deployed when a layer uses it. */
    redis: redisSchema.optional(),
    /** The Istio mesh: mTLS, the ingress gateway, traffic policy; see README "Mesh". */
    mesh: meshSchema.optional(),
    /** Velero: backup schedules, node agent; see README "Backup". */
    backup: backupSchema.optional(),
    /** Prometheus, Alertmanager, Grafana and Thanos: replicas, retention, the SLO; see README "Observability". */
    observability: observabilitySchema.optional(),
    /** How the Secrets the layers read are provided: `externalSecrets`; see README "Secrets". */
    secrets: secretsSchema.optional(),
    /** What `strata render` needs and only the cloud knows; Pulumi ignores it (but for the store of `secrets.externalSecrets`). */
    gitops: gitopsSchema.optional(),
  })
  .strict();

export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type StackConfig = z.output<typeof stackConfigSchema>;
