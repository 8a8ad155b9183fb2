/**
 * The data services an application layer may use, where they run and which ports clients reach.
 * Application layers' egress rules and (later) the data layers' ingress rules both come from here.
 */
export const dataServiceNames = ["kafka", "postgres", "redis"] as const;
export type DataServiceName = (typeof dataServiceNames)[number];

export interface DataServiceEndpoint {
  namespace: string;
  /** Client ports (TCP). */
  ports: { name: string; port: number }[];
}

export const dataServiceEndpoints: Record<DataServiceName, DataServiceEndpoint> = {
  // Strimzi's internal TLS listener (mTLS authentication).
  kafka: { namespace: "kafka", ports: [{ name: "tls", port: 9093 }] },
  // PGO primary service and pgBouncer both listen on 5432.
  postgres: { namespace: "postgres", ports: [{ name: "postgres", port: 5432 }] },
  redis: { namespace: "redis", ports: [{ name: "redis", port: 6379 }] },
};
