import { dataServiceEndpoints } from "../../platform/data-services";

export const REDIS_NAMESPACE = dataServiceEndpoints.redis.namespace;
export const REDIS_CLUSTER = "strata";
export const REDIS_PORT = dataServiceEndpoints.redis.ports[0].port;
export const PASSWORD_SECRET = { name: "strata-redis-password", key: "password" } as const;
export const CONFIG_MAP = { name: "strata-redis-config", key: "redis-additional.conf" } as const;

/** The label the operator puts on each role's pods: `app: <cluster>-leader` / `<cluster>-follower`. */
export function rolePodLabels(role: "leader" | "follower"): Record<string, string> {
  return { app: `${REDIS_CLUSTER}-${role}` };
}

/** The leaders' Service: cluster-aware clients connect here and follow MOVED redirects. */
export function redisHost(): string {
  return `${REDIS_CLUSTER}-leader.${REDIS_NAMESPACE}.svc`;
}
