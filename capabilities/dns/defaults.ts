import type { Profile } from "../../config/profiles";
import type { DnsPolicy } from "./spec";

/** external-dns's record policy: sync in dev; upsert-only in prod, where it never deletes a record (seed 004). */
export const dnsProfileDefaults: Record<Profile, { policy: DnsPolicy }> = {
  dev: { policy: "sync" },
  prod: { policy: "upsert-only" },
};
