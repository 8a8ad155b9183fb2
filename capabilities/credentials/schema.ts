import { z } from "zod";
import { awsRegionName, cronFor, goDuration, iamRoleArn } from "../../config/primitives";
import { layerName } from "../../config/layers/schema";

/** How a layer's container receives a data service's credentials. */
export const deliveryModes = ["env", "file"] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

/**
 * `credentials`: the External Secrets Operator, the AWS Secrets Manager store, and each data service's
 * credentials delivered into the namespace of every layer that declares it. Deployed whenever a layer uses
 * a data service or reads Secrets (`secretEnv`), or `secrets.externalSecrets` is on. Defaults in defaults.ts.
 */
export const credentialsSchema = z
  .object({
    /** Replicas of the operator's controller, webhook and cert controller; default dev 1, prod 2 (prod requires at least 2). */
    replicas: z.int32().min(1).max(5).optional(),
    /** `env` (default): variables `<SERVICE>_<FIELD>` and the files; `file`: the files only (mounted, refreshed in place). */
    delivery: z.enum(deliveryModes).optional(),
    /** Per configured layer (a per-tenant layer: every copy): its own `delivery`. */
    layers: z.record(layerName, z.object({ delivery: z.enum(deliveryModes) }).strict()).optional(),
    /** How often External Secrets re-reads a data service's credentials into the layers' namespaces; default 15m. */
    refreshInterval: goDuration.optional(),
    /** Password rotation, as a cron schedule per data service whose operator rotates (Postgres only: PGO). */
    rotation: z.object({ postgres: cronFor("kubernetes-cronjob").optional() }).strict().optional(),
    /** The AWS Secrets Manager store (a ClusterSecretStore named by `gitops.secretStore`). */
    secretsManager: z
      .object({
        /** Secrets Manager's region; default the stack's `aws:region`. */
        region: awsRegionName.optional(),
        /** Existing-cluster mode: the IAM role the operator assumes for the store (Strata makes it in EKS mode). */
        roleArn: iamRoleArn.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CredentialsInput = z.input<typeof credentialsSchema>;
export type CredentialsConfig = z.output<typeof credentialsSchema>;
