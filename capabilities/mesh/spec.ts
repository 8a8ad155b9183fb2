import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";

/** The mesh's resolved config. */

export type MtlsMode = "STRICT" | "PERMISSIVE";
export type LoadBalancerScheme = "internal" | "internet-facing";

/** One route of the gateway: requests for `hosts` go to the application layer `layer`. */
export interface EdgeRouteSpec {
  layer: string;
  hosts: string[];
  /** The tenant whose copy of the edge layer `layer` is (absent: the edge layer is shared). */
  tenant?: string;
}

export interface MeshSpec {
  mtls: MtlsMode;
  istiodReplicas: number;
  gateway: {
    replicas: number;
    scheme: LoadBalancerScheme;
    /** Where the gateway routes: the edge layer, or each tenant's copy of a per-tenant edge layer. */
    routes: EdgeRouteSpec[];
    /** HTTPS with this Secret (in the gateway namespace), HTTP redirected; absent: HTTP only. */
    tlsSecret?: string;
    timeout: string;
    retries: { attempts: number; perTryTimeout: string; retryOn: string };
  };
  trafficPolicy: {
    connectionPool: { maxConnections: number; http1MaxPendingRequests: number; maxRequestsPerConnection: number };
    outlierDetection: { consecutive5xxErrors: number; interval: string; baseEjectionTime: string; maxEjectionPercent: number };
  };
}

/** What the mesh's desired state reads: the core, the cluster's network, its own spec. */
export type MeshPlatform = CoreSpec & { cluster: ClusterSpec; mesh: MeshSpec };
