/** Defaults for application-layer fields that do not depend on the profile. */
export const layerDefaults = {
  ports: [{ name: "http", port: 8080, protocol: "TCP" as const }],
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  livenessPath: "/healthz",
  readinessPath: "/readyz",
  metricsPath: "/metrics",
  /** Percent of requested CPU the autoscaler aims for when a layer sets no target. */
  targetCPUUtilization: 70,
  pdb: { maxUnavailable: 1 },
  /** Extra pods a rolling update may start (Deployment maxSurge); the quota leaves room for them. */
  maxSurgePercent: 25,
} as const;
