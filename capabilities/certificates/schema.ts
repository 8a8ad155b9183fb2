import { z } from "zod";
import { iamRoleArn } from "../../config/primitives";

/** The `certificates` section: cert-manager. Present: deployed. */
export const certificatesSchema = z
  .object({
    acme: z
      .object({
        /** The ACME account's contact: Let's Encrypt writes about expiring certificates and policy changes. */
        email: z.string().regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, { message: 'must be an email address such as "ops@example.com"' }),
        /** Which Let's Encrypt directory the gateway's certificates come from: production (the default) or staging (dev only). */
        server: z.enum(["production", "staging"]).optional(),
      })
      .strict(),
    /** Existing cluster: the IAM role cert-manager assumes for Route53 (Strata creates none there). */
    roleArn: iamRoleArn.optional(),
  })
  .strict();

export type CertificatesInput = z.input<typeof certificatesSchema>;
