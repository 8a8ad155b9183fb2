import { z } from "zod";
import { quotaOverrideSchema } from "./schema";
import { gatewayHost } from "../primitives";
import { dnsLabel } from "../primitives";

/**
 * The `tenants` list: each tenant gets its own copy of every per-tenant layer (`layers[i].tenancy:
 * per-tenant`), named `<tenant>-<layer>`. The copy is the layer as configured, with this tenant's sizes.
 */

/** A tenant's sizes for its copy of one per-tenant layer; what is absent is the layer's. */
export const tenantLayerSizesSchema = z
  .object({
    replicas: z.int32().min(1).optional(),
    /** Bounds of the layer's autoscaler (the layer must have one). */
    autoscaling: z.object({ minReplicas: z.int32().min(1).optional(), maxReplicas: z.int32().min(1).optional() }).strict().optional(),
    /** Overrides of the copy's namespace quota; the rest is derived from the copy's sizes. */
    quota: quotaOverrideSchema.optional(),
  })
  .strict();

export const tenantSchema = z
  .object({
    name: dnsLabel,
    description: z.string().optional(),
    /** Sizes by per-tenant layer name. */
    layers: z.record(z.string(), tenantLayerSizesSchema).optional(),
    /** The hosts the gateway routes to this tenant's copy of the edge layer, when that layer is per-tenant. */
    hosts: z.array(gatewayHost).min(1).optional(),
  })
  .strict();

export type TenantConfig = z.output<typeof tenantSchema>;
export type TenantLayerSizes = z.output<typeof tenantLayerSizesSchema>;
