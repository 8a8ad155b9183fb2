import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";

/** The mesh's resolved config. */

export type MtlsMode = "STRICT" | "PERMISSIVE";
export type GatewayExposure = "internal" | "internet-facing";
export type GatewayLoadBalancer = "nlb" | "alb";
export type ClientAddressMode = "preserve" | "proxy-protocol";
export type TlsVersion = "1.2" | "1.3";

/** The Route53 hosted zone the gateway's hosts live in. */
export interface HostedZoneSpec {
  id: string;
  name: string;
}

export interface GatewayPathSpec {
  prefix: string;
  rewrite?: string;
}

/** Istio's HTTPFaultInjection, as configured (percentages 0–100). */
export interface FaultInjectionSpec {
  delay?: { percentage: number; fixedDelay: string };
  abort?: { percentage: number; httpStatus: number };
}

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
    exposure: GatewayExposure;
    loadBalancer: GatewayLoadBalancer;
    /** NLB only: how the client's address reaches the gateway. */
    clientAddress?: ClientAddressMode;
    /** Where the gateway routes: the edge layer, or each tenant's copy of a per-tenant edge layer. */
    routes: EdgeRouteSpec[];
    hostedZone?: HostedZoneSpec;
    /** HTTPS with this Secret (in the gateway namespace), HTTP redirected; absent: HTTP only. */
    tlsSecret?: string;
    /** HTTPS with a cert-manager Certificate per host (`edgeCertificateSecretName`), HTTP redirected. */
    certificates?: "cert-manager";
    minTlsVersion: TlsVersion;
    /** Path prefixes the edge VirtualService routes; empty: every path. */
    paths: GatewayPathSpec[];
    faultInjection?: FaultInjectionSpec;
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
