import { z } from "zod";
import { dnsSubdomain, gatewayHost, goDuration } from "../../config/primitives";

/** The `mesh` section: Istio. Every key is optional; the profile picks the defaults (defaults.ts). */

export const mtlsModes = ["STRICT", "PERMISSIVE"] as const;
/** Who can reach the gateway's load balancer: the VPC (and what is routed into it), or the internet. */
export const gatewayExposures = ["internal", "internet-facing"] as const;
/** The AWS load balancer in front of the gateway: a network load balancer (TLS at the gateway) or an application load balancer (TLS at the ALB). */
export const gatewayLoadBalancers = ["nlb", "alb"] as const;
/** How the gateway learns an NLB client's address: the NLB keeps it as the source (preserve) or sends a PROXY protocol v2 header. */
export const clientAddressModes = ["preserve", "proxy-protocol"] as const;
/** The oldest TLS version the edge accepts (seed 003: 1.3). */
export const tlsVersions = ["1.2", "1.3"] as const;


const retriesSchema = z
  .object({
    attempts: z.int32().min(0).max(10).optional(),
    perTryTimeout: goDuration.optional(),
    /** Envoy's retry conditions, comma-separated. */
    retryOn: z.string().regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'must be Envoy retry conditions such as "5xx,reset,connect-failure"' }).optional(),
  })
  .strict();

/** A Route53 hosted zone: where the gateway's hosts live (certificates' DNS-01 challenges, DNS records, ACM validation). */
const hostedZoneSchema = z
  .object({
    /** The zone's ID (`Z` and upper-case letters and digits). */
    id: z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: 'must be a Route53 hosted zone ID such as "Z0123456789ABCDEFGHIJ"' }),
    /** The zone's domain name, without the trailing dot ("example.com"). */
    name: dnsSubdomain,
  })
  .strict();

/** A URI path prefix (RFC 3986 path characters). */
const uriPath = z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/, { message: 'must be a URI path starting with "/", such as "/api/v1"' });

/** A route of the edge VirtualService: requests whose path starts with `prefix` go to the edge layer. */
const pathSchema = z
  .object({
    prefix: uriPath,
    /** Replaces the matched prefix before the request reaches the layer. */
    rewrite: uriPath.optional(),
  })
  .strict();

const percentage = z.number().gt(0, { message: "must be above 0" }).max(100, { message: "must be at most 100 (a percentage)" });

/** Chaos testing through the gateway (seed 004): off unless configured, refused in prod unless explicitly allowed. */
const faultInjectionSchema = z
  .object({
    /** Delay this percentage of requests by `fixedDelay`. */
    delay: z.object({ percentage, fixedDelay: goDuration }).strict().optional(),
    /** Answer this percentage of requests with `httpStatus` without calling the layer. */
    abort: z.object({ percentage, httpStatus: z.int32().min(400).max(599) }).strict().optional(),
    /** Prod refuses fault injection unless this says it is meant. */
    allowInProd: z.boolean().optional(),
  })
  .strict();

const gatewaySchema = z
  .object({
    replicas: z.int32().min(1).optional(),
    /** Who reaches the gateway's load balancer: `internal` (the VPC; the default) or `internet-facing`. */
    exposure: z.enum(gatewayExposures).optional(),
    /** The AWS load balancer in front of the gateway: `nlb` (the default) or `alb`. */
    loadBalancer: z.enum(gatewayLoadBalancers).optional(),
    /** NLB only: how the gateway learns the client's address (default `preserve`). */
    clientAddress: z.enum(clientAddressModes).optional(),
    /** The Route53 hosted zone of the gateway's hosts. */
    hostedZone: hostedZoneSchema.optional(),
    /** The application layer the gateway routes to; default: the first layer. */
    edgeLayer: z.string().optional(),
    hosts: z.array(gatewayHost).min(1).optional(),
    /** A TLS Secret in the gateway namespace: serve HTTPS with it and redirect HTTP. */
    tlsSecret: dnsSubdomain.optional(),
    /** `cert-manager`: serve HTTPS with one certificate per host, issued by cert-manager (strata:certificates), and redirect HTTP. */
    certificates: z.literal("cert-manager").optional(),
    /** The oldest TLS version the gateway (and an ALB) accepts: "1.2" (the default) or "1.3". */
    minTlsVersion: z.enum(tlsVersions).optional(),
    /** Path routes: only requests under these prefixes reach the edge layer (default: every path). */
    paths: z.array(pathSchema).min(1).optional(),
    /** Fault injection for chaos testing; off by default. */
    faultInjection: faultInjectionSchema.optional(),
    /** Timeout of a request through the gateway, retries included. */
    timeout: goDuration.optional(),
    retries: retriesSchema.optional(),
  })
  .strict();

const trafficPolicySchema = z
  .object({
    connectionPool: z
      .object({
        maxConnections: z.int32().min(1).optional(),
        http1MaxPendingRequests: z.int32().min(1).optional(),
        maxRequestsPerConnection: z.int32().min(1).optional(),
      })
      .strict()
      .optional(),
    outlierDetection: z
      .object({
        consecutive5xxErrors: z.int32().min(1).optional(),
        interval: goDuration.optional(),
        baseEjectionTime: goDuration.optional(),
        maxEjectionPercent: z.int32().min(1).max(100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const meshSchema = z
  .object({
    /** Mesh-wide mTLS: STRICT (the default; the only mode prod accepts) or PERMISSIVE (dev, while migrating). */
    mtls: z.enum(mtlsModes).optional(),
    istiod: z.object({ replicas: z.int32().min(1).max(10).optional() }).strict().optional(),
    gateway: gatewaySchema.optional(),
    /** Connection pool and outlier detection of every application layer's DestinationRule. */
    trafficPolicy: trafficPolicySchema.optional(),
  })
  .strict();

export type MeshInput = z.input<typeof meshSchema>;
