/**
 * The data services an application layer may use, where they run and which ports clients reach, and how
 * each service's own pods, its operator and monitoring talk to it. Application layers' egress rules and
 * the data layers' ingress rules both come from here.
 */
export const dataServiceNames = ["kafka", "postgres", "redis"] as const;
export type DataServiceName = (typeof dataServiceNames)[number];

export function isDataServiceName(name: string): name is DataServiceName {
  return (dataServiceNames as readonly string[]).includes(name);
}

/** The data services some of `layers` declare (`layers[i].dataServices`), in the platform's order. */
export function dataServicesUsedBy(layers: { dataServices: Partial<Record<DataServiceName, unknown>> }[]): DataServiceName[] {
  return dataServiceNames.filter((s) => layers.some((l) => l.dataServices[s] !== undefined));
}

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

/** The network shape of a data service beyond its clients: what its network policies allow besides them. */
export interface DataServiceTraffic {
  /** The namespace its operator runs in (its own, on the system pool). */
  operatorNamespace: string;
  /** Ports the service's pods reach each other on (replication, consensus, cluster bus). */
  peerPorts: number[];
  /** Ports the operator reaches the service's pods on. */
  operatorPorts: number[];
  /** Ports monitoring scrapes on the service's pods. */
  metricsPorts: number[];
  /** The port monitoring scrapes on the operator. */
  operatorMetricsPort: number;
  /**
   * Why the service's pods need HTTPS egress (the Kubernetes API, AWS), or undefined when they need none.
   * Both are in the cluster's VPC (the API server's endpoint interfaces; STS and S3 through the VPC's
   * interface endpoints), so this egress is to port 443 at `cluster.vpcCidr`, never anywhere.
   */
  httpsEgress?: string;
  /**
   * Why some of the service's pods call AWS endpoints outside the VPC's reach, or undefined when none do.
   * Those endpoints have no fixed addresses a NetworkPolicy could name, so this is the one policy of the
   * platform that allows 443 to 0.0.0.0/0: for the pods that need it only, exempted from
   * `network-no-wide-open-allow` for this namespace in the pack config with this reason.
   */
  publicAwsHttps?: string;
}

export const dataServiceTraffic: Record<DataServiceName, DataServiceTraffic> = {
  kafka: {
    operatorNamespace: "strimzi",
    // KRaft controllers (9090) and replication/inter-broker (9091).
    peerPorts: [9090, 9091],
    // The cluster operator: controllers, brokers' replication listener, the Kafka agent (8443).
    operatorPorts: [9090, 9091, 8443],
    // Kafka's Prometheus metrics (JMX exporter), brokers and controllers.
    metricsPorts: [9404],
    operatorMetricsPort: 8080,
    httpsEgress: "the rack-awareness init container reads its node's zone and the entity operator manages topics and users through the Kubernetes API",
  },
  postgres: {
    operatorNamespace: "pgo",
    // Streaming replication (5432), Patroni's REST API (8008), the pgBackRest TLS server (8432).
    peerPorts: [5432, 8008, 8432],
    operatorPorts: [5432, 8008, 8432],
    // The Postgres exporter on each instance.
    metricsPorts: [9187],
    operatorMetricsPort: 8443,
    httpsEgress: "Patroni keeps its leader lock in the Kubernetes API and pgBackRest writes to the cluster's region's S3 through the VPC's endpoint",
    publicAwsHttps:
      "pgBackRest takes its S3 credentials by web identity from the global STS endpoint (sts.amazonaws.com, which no VPC endpoint serves), and writes to a repository in another region, if one is configured, whose S3 endpoint the VPC's do not serve",
  },
  redis: {
    operatorNamespace: "redis-operator",
    // Client port between nodes (replication) and the cluster bus (client port + 10000).
    peerPorts: [6379, 16379],
    // The operator joins nodes into the cluster and checks them over the client port.
    operatorPorts: [6379],
    // The Redis exporter sidecar.
    metricsPorts: [9121],
    operatorMetricsPort: 8080,
  },
};

/**
 * The traffic of a data service that carries no mesh identity: its operator (not meshed: its chart's pods),
 * its own pods by address on ports no Service names (Patroni, the Redis cluster bus) and monitoring's scrapes.
 * The data namespace accepts it in plain text on these ports only (PERMISSIVE); NetworkPolicies name its sources.
 */
export function unmeshedPorts(service: DataServiceName): number[] {
  const t = dataServiceTraffic[service];
  return [...new Set([...t.operatorPorts, ...t.peerPorts, ...t.metricsPorts])].sort((a, b) => a - b);
}
