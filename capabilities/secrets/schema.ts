import { z } from "zod";

/** `secrets`: how the platform provides the Secrets application layers read (`secretEnv`). */
export const secretsSchema = z
  .object({
    /**
     * Each application layer creates an ExternalSecret for every Secret its `secretEnv` reads (under
     * `pulumi up` too, not only in a render), from the `gitops` store and refresh interval, through the
     * External Secrets Operator the credentials capability installs. Default false: the Secrets are the team's.
     */
    externalSecrets: z.boolean().optional(),
  })
  .strict();

export type SecretsInput = z.input<typeof secretsSchema>;
