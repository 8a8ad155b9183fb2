import type { Profile } from "../../config/profiles";

/**
 * cert-manager's replicas: one of each in dev; in prod cert-manager's own high-availability advice — two
 * controllers and cainjectors (one active, one standby by leader election) and three webhooks (every
 * cert-manager resource write goes through one).
 */
export const certificatesProfileDefaults: Record<Profile, { controller: number; webhook: number; cainjector: number }> = {
  dev: { controller: 1, webhook: 1, cainjector: 1 },
  prod: { controller: 2, webhook: 3, cainjector: 2 },
};
