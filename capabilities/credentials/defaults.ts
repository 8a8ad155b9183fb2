import type { Profile } from "../../config/profiles";

/** The credentials capability's defaults: one of each operator pod in dev, two (with PDBs, leader election) in prod. */
export const credentialsProfileDefaults: Record<Profile, { replicas: number }> = {
  dev: { replicas: 1 },
  prod: { replicas: 2 },
};

/** The fewest replicas of each operator pod prod runs: one may be drained while the other serves. */
export const MIN_PROD_REPLICAS = 2;

export const credentialsDefaults = {
  delivery: "env",
  /** Data-service credentials are re-read this often (Strimzi's renewed certificates, a password changed by hand). */
  refreshInterval: "15m",
} as const;

/** Requests and limits of each operator container (controller, webhook, cert controller) and of the rotation job's steps. */
export const OPERATOR_RESOURCES = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } };
export const ROTATION_STEP_RESOURCES = { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } };
