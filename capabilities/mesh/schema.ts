import { z } from "zod";
import { dnsSubdomain, gatewayHost, goDuration } from "../../config/primitives";

/** The `mesh` section: Istio. Every key is optional; the profile picks the defaults (defaults.ts). */

export const mtlsModes = ["STRICT", "PERMISSIVE"] as const;
export const loadBalancerSchemes = ["internal", "internet-facing"] as const;


const retriesSchema = z
  .object({
    attempts: z.int().min(0).max(10).optional(),
    perTryTimeout: goDuration.optional(),
    /** Envoy's retry conditions, comma-separated. */
    retryOn: z.string().regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'must be Envoy retry conditions such as "5xx,reset,connect-failure"' }).optional(),
  })
  .strict();

const gatewaySchema = z
  .object({
    replicas: z.int().min(1).optional(),
    /** The AWS load balancer's scheme; prod allows only internal. */
    scheme: z.enum(loadBalancerSchemes).optional(),
    /** The application layer the gateway routes to; default: the first layer. */
    edgeLayer: z.string().optional(),
    hosts: z.array(gatewayHost).min(1).optional(),
    /** A TLS Secret in the gateway namespace: serve HTTPS with it and redirect HTTP. */
    tlsSecret: dnsSubdomain.optional(),
    /** Timeout of a request through the gateway, retries included. */
    timeout: goDuration.optional(),
    retries: retriesSchema.optional(),
  })
  .strict();

const trafficPolicySchema = z
  .object({
    connectionPool: z
      .object({
        maxConnections: z.int().min(1).optional(),
        http1MaxPendingRequests: z.int().min(1).optional(),
        maxRequestsPerConnection: z.int().min(1).optional(),
      })
      .strict()
      .optional(),
    outlierDetection: z
      .object({
        consecutive5xxErrors: z.int().min(1).optional(),
        interval: goDuration.optional(),
        baseEjectionTime: goDuration.optional(),
        maxEjectionPercent: z.int().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const meshSchema = z
  .object({
    /** Mesh-wide mTLS: STRICT (the default; the only mode prod accepts) or PERMISSIVE (dev, while migrating). */
    mtls: z.enum(mtlsModes).optional(),
    istiod: z.object({ replicas: z.int().min(1).max(10).optional() }).strict().optional(),
    gateway: gatewaySchema.optional(),
    /** Connection pool and outlier detection of every application layer's DestinationRule. */
    trafficPolicy: trafficPolicySchema.optional(),
  })
  .strict();

export type MeshInput = z.input<typeof meshSchema>;
