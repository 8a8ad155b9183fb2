import * as pulumi from "@pulumi/pulumi";
import type { ClusterOutputs } from "../capabilities/cluster/component/layer";
import type { OutputFields } from "../components/data-layer";
import type { Platform } from "./platform";
import type { Profile } from "../config/profiles";

import type { KafkaOutputs } from "../capabilities/kafka/component";
import type { PostgresOutputs } from "../capabilities/postgres/component";
import type { RedisOutputs } from "../capabilities/redis/component";

export type { ClusterOutputs, EksClusterOutputs, ExistingClusterOutputs } from "../capabilities/cluster/component/layer";
export type { KafkaOutputs, PostgresOutputs, RedisOutputs };

/**
 * Stack outputs: the API applications read through `pulumi.StackReference`. Changing a name or a shape
 * here is a breaking change for every consumer; tests pin them.
 */
export interface LayerOutputs {
  /** The layer's namespace. */
  namespace: string;
  /** The service account its pods run as (bind cloud roles to it). */
  serviceAccountName: string;
  /** In-cluster DNS name of the layer's Service, e.g. `l2-dialogue.l2-dialogue.svc.cluster.local`. */
  serviceHost: string;
  /** The Service's main port. */
  servicePort: number;
}

/** One tenant's share of the platform: its copies of the per-tenant layers (`layers.<tenant>-<layer>`). */
export interface TenantOutputs {
  /** The namespaces of the tenant's copies, in layer order: all of the tenant's pods run in them. */
  namespaces: string[];
}

/** The mesh's edge. */
export interface MeshOutputs {
  /** The gateway load balancer's DNS name (internal in prod); empty until AWS has assigned it. */
  gatewayAddress: string;
  /** The namespace of the gateway (and its one LoadBalancer Service). */
  gatewayNamespace: string;
}

export interface BackupOutputs {
  /** The bucket Velero writes backups to (under the prefix `velero/`). */
  bucketName: string;
}

export interface ObservabilityOutputs {
  /** Thanos query's in-cluster URL (Prometheus HTTP API, deduplicated across replicas, with history from S3). */
  thanosQueryUrl: string;
  /** Grafana's in-cluster URL. */
  grafanaUrl: string;
  /** The bucket Thanos keeps metric blocks in. */
  metricsBucketName: string;
}

export interface StackOutputs {
  /** The profile the stack was deployed with (dev | prod). */
  profile: Profile;
  /** The cluster: name, endpoint, OIDC provider, network, node groups, buckets (see ClusterOutputs). */
  cluster: ClusterOutputs;
  /**
   * The cluster's kubeconfig, a secret (`pulumi stack output kubeconfig --show-secrets`). For an EKS
   * cluster it authenticates with `aws eks get-token`; absent for an existing cluster reached by context.
   */
  kubeconfig?: string;
  /** Every application layer, by name; a per-tenant layer once per tenant, as `<tenant>-<layer>`. */
  layers: Record<string, LayerOutputs>;
  /** The tenants, by name, when the stack lists any (`tenants`). */
  tenants?: Record<string, TenantOutputs>;
  /** Kafka, when deployed: bootstrap address, CA secret, per-layer user secrets, topics. */
  kafka?: KafkaOutputs;
  /** Postgres, when deployed: hosts, port, per-layer databases and secrets, backups. */
  postgres?: PostgresOutputs;
  /** Redis, when deployed: host, port, password secret name and the password (secret). */
  redis?: RedisOutputs;
  mesh: MeshOutputs;
  backup: BackupOutputs;
  observability: ObservabilityOutputs;
}

type Outputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };
type DataLayerKey = "kafka" | "postgres" | "redis";
/** The data layers' outputs go out field by field: only their secret fields (the Redis password) are secret. */
type StackOutputValues = Omit<Outputs<StackOutputs>, DataLayerKey> & { [K in DataLayerKey]?: OutputFields<NonNullable<StackOutputs[K]>> };

export function stackOutputs(profile: Profile, platform: Platform): StackOutputValues {
  const layers: Record<string, pulumi.Input<LayerOutputs>> = {};
  const tenantNamespaces: Record<string, pulumi.Output<string>[]> = {};
  for (const [name, layer] of Object.entries(platform.applicationLayers)) {
    layers[name] = pulumi.output({
      namespace: layer.namespace,
      serviceAccountName: layer.serviceAccountName,
      serviceHost: layer.serviceHost,
      servicePort: layer.servicePort,
    });
    if (layer.tenant) (tenantNamespaces[layer.tenant] ??= []).push(layer.namespace);
  }
  const tenants = Object.fromEntries(Object.entries(tenantNamespaces).map(([tenant, namespaces]) => [tenant, pulumi.output({ namespaces })]));
  const cluster = platform.cluster;
  return {
    profile,
    cluster: cluster.outputs,
    ...(cluster.kubeconfig ? { kubeconfig: cluster.kubeconfig } : {}),
    layers: pulumi.output(layers),
    ...(Object.keys(tenants).length ? { tenants: pulumi.output(tenants) } : {}),
    ...(platform.kafka ? { kafka: platform.kafka.outputs } : {}),
    ...(platform.postgres ? { postgres: platform.postgres.outputs } : {}),
    ...(platform.redis ? { redis: platform.redis.outputs } : {}),
    mesh: pulumi.output({ gatewayAddress: platform.mesh.gatewayAddress, gatewayNamespace: platform.mesh.gatewayNamespace }),
    backup: pulumi.output({ bucketName: platform.backup.bucketName }),
    observability: pulumi.output({
      thanosQueryUrl: platform.observability.thanosQueryUrl,
      grafanaUrl: platform.observability.grafanaUrl,
      metricsBucketName: platform.observability.bucketName,
    }),
  };
}
