import { z } from "zod";
import { awsRegionName, iamRoleArn, memoryQuantity, prometheusDuration } from "../../config/primitives";
import { resourcesSchema } from "../../config/layers/schema";

/** The `observability` section: Prometheus, Alertmanager, Grafana, Thanos. Defaults in defaults.ts. */

const volumeSize = memoryQuantity;

export const observabilitySchema = z
  .object({
    prometheus: z
      .object({
        replicas: z.int32().min(1).max(5).optional(),
        /** Local retention: short, Thanos keeps the history. At least the block duration. */
        retention: prometheusDuration.optional(),
        storageSize: volumeSize.optional(),
        resources: resourcesSchema.optional(),
      })
      .strict()
      .optional(),
    alertmanager: z.object({ replicas: z.int32().min(1).max(5).optional() }).strict().optional(),
    thanos: z
      .object({
        query: z.object({ replicas: z.int32().min(1).max(10).optional() }).strict().optional(),
        storeGateway: z.object({ replicas: z.int32().min(1).max(10).optional(), storageSize: volumeSize.optional() }).strict().optional(),
        compactor: z.object({ storageSize: volumeSize.optional() }).strict().optional(),
        /** How long the compactor keeps blocks of each resolution. */
        retention: z
          .object({ raw: prometheusDuration.optional(), fiveMinutes: prometheusDuration.optional(), oneHour: prometheusDuration.optional() })
          .strict()
          .optional(),
        /** The bucket's region; default: the stack's AWS region. */
        region: awsRegionName.optional(),
        /** Existing-cluster mode: the IAM roles the sidecar, store gateway and compactor assume. */
        roleArns: z.object({ sidecar: iamRoleArn, storeGateway: iamRoleArn, compactor: iamRoleArn }).strict().optional(),
      })
      .strict()
      .optional(),
    /** The availability SLO of every application layer: burn-rate alerts against it. */
    slo: z
      .object({
        /** The target, a ratio strictly between 0 and 1 (seed 004: 0.9999). */
        availability: z.number().gt(0, { message: "must be above 0 (a ratio such as 0.999)" }).lt(1, { message: "must be below 1: a 100% target leaves no error budget" }).optional(),
        /** The SLO period. */
        window: prometheusDuration.optional(),
      })
      .strict()
      .optional(),
    /** The Prometheus adapter behind the autoscalers' metrics APIs. */
    metricsAdapter: z
      .object({
        /**
         * Serve the resource metrics API (metrics.k8s.io: CPU and memory for HPAs and `kubectl top`) from
         * Prometheus. Default: on with `cluster.mode: eks` (EKS ships no metrics-server), off with `existing`.
         */
        resourceMetrics: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ObservabilityInput = z.input<typeof observabilitySchema>;
/** As parsed: quantities canonical. */
export type ObservabilityConfig = z.output<typeof observabilitySchema>;
