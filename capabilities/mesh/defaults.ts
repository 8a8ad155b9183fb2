import type { Profile } from "../../config/profiles";

/** The mesh's defaults: one of each in dev; istiod ×2 and a gateway per zone in prod (seed 004). */
export const meshProfileDefaults: Record<Profile, { istiodReplicas: number; gatewayReplicas: number }> = {
  dev: { istiodReplicas: 1, gatewayReplicas: 1 },
  prod: { istiodReplicas: 2, gatewayReplicas: 3 },
};

/** What prod keeps whatever the config says. */
export const meshProdMinimums = { istiodReplicas: 2 } as const;

export const meshDefaults = {
  mtls: "STRICT" as const,
  exposure: "internal" as const,
  loadBalancer: "nlb" as const,
  clientAddress: "preserve" as const,
  minTlsVersion: "1.2" as const,
  hosts: ["*"],
  // Seed 004's VirtualService and DestinationRule.
  timeout: "30s",
  retries: { attempts: 3, perTryTimeout: "10s", retryOn: "5xx,reset,connect-failure,refused-stream" },
  trafficPolicy: {
    connectionPool: { maxConnections: 100, http1MaxPendingRequests: 10, maxRequestsPerConnection: 10 },
    outlierDetection: { consecutive5xxErrors: 5, interval: "10s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
  },
};
