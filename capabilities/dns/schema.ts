import { z } from "zod";
import { goDuration, iamRoleArn } from "../../config/primitives";

/** The `dns` section: external-dns on Route53. Present: deployed. */
export const dnsSchema = z
  .object({
    /** `upsert-only` (prod's; never deletes a record) or `sync` (dev's default: records of removed hosts are deleted). */
    policy: z.enum(["sync", "upsert-only"]).optional(),
    /** The owner ID of its TXT registry records (default `strata-<stack>`). */
    txtOwnerId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, { message: "must be 1–63 letters, digits, '.', '_' and '-'" }).optional(),
    /** How often it reconciles the records (default 1m). */
    interval: goDuration.optional(),
    /** Existing cluster: the IAM role external-dns assumes for Route53 (Strata creates none there). */
    roleArn: iamRoleArn.optional(),
  })
  .strict();

export type DnsInput = z.input<typeof dnsSchema>;
