import { z } from "zod";
import { antiAffinityModes } from "../../platform/placement";
import { MAX_GPUS_PER_INSTANCE } from "../../platform/instance-types";
import { capacityClasses } from "../../platform/placement";
import { autoscalingMetricSchema } from "./metrics-schema";
import { egressSchema } from "./egress-schema";
import { kafkaTopicReference } from "../kafka-topic-name";
import { cpuQuantity, dnsLabel, dnsSubdomain, envName, intOrPercent, memoryQuantity, pinnedImage, portName, portNumber, remoteKeyPath } from "../primitives";

/**
 * The stack-config shape of one application layer. Optional fields take their defaults (some from the
 * profile) in resolve.ts; the resolved, fully specified form is `ApplicationLayerSpec`.
 */

const scalingPolicy = z
  .object({
    type: z.enum(["Pods", "Percent"]),
    value: z.int32().min(1),
    periodSeconds: z.int32().min(1).max(1800),
  })
  .strict();

const scalingRules = z
  .object({
    stabilizationWindowSeconds: z.int32().min(0).max(3600).optional(),
    selectPolicy: z.enum(["Max", "Min", "Disabled"]).optional(),
    policies: z.array(scalingPolicy).min(1).optional(),
  })
  .strict();

export const autoscalingSchema = z
  .object({
    /** Lower bound; defaults to the layer's replicas. */
    minReplicas: z.int32().min(1).optional(),
    maxReplicas: z.int32().min(1),
    /** Average CPU utilization target, percent of requests. */
    targetCPUUtilization: z.int32().min(1).max(100).optional(),
    /** Average memory utilization target, percent of requests. */
    targetMemoryUtilization: z.int32().min(1).max(100).optional(),
    /** Pods and External metrics (served by the metrics adapter), besides the CPU and memory targets. */
    metrics: z.array(autoscalingMetricSchema).min(1).optional(),
    behavior: z.object({ scaleUp: scalingRules.optional(), scaleDown: scalingRules.optional() }).strict().optional(),
  })
  .strict();

export const pdbSchema = z
  .object({ minAvailable: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() })
  .strict()
  .refine((p) => (p.minAvailable === undefined) !== (p.maxUnavailable === undefined), {
    message: "set exactly one of minAvailable and maxUnavailable",
  });

/** Topics a layer reads and writes (names, or prefixes ending in `*`): its Kafka user's ACLs. */
const topicAccess = z.object({ read: z.array(kafkaTopicReference).default([]), write: z.array(kafkaTopicReference).default([]) }).strict();

/**
 * Data services a layer uses: each present key grants egress to that service, ingress into it, and a user
 * of its own (a Kafka user with ACLs for exactly its topics, a Postgres user and database).
 */
export const dataServicesSchema = z
  .object({
    kafka: topicAccess.optional(),
    postgres: z.object({ database: dnsLabel.optional() }).strict().optional(),
    redis: z.object({}).strict().optional(),
  })
  .strict();

/**
 * Where External Secrets reads a Secret's key from (`secrets.externalSecrets`): the store's key and, for a
 * JSON secret, the property. Absent: `<gitops.remoteKeyPrefix>/<namespace>/<secret>`, property = the key.
 */
export const remoteRefSchema = z.object({ key: remoteKeyPath, property: z.string().min(1).optional() }).strict();

/** One variable of `secretEnv`: the Secret and key it reads, and optionally where that key comes from. */
const secretEnvSchema = z.object({ secret: dnsSubdomain, key: z.string().min(1), remoteRef: remoteRefSchema.optional() }).strict();

export const resourcesSchema = z
  .object({
    requests: z.object({ cpu: cpuQuantity, memory: memoryQuantity }).strict(),
    limits: z.object({ cpu: cpuQuantity.optional(), memory: memoryQuantity }).strict(),
  })
  .strict();

/** An application layer's resources: a data or service pod's, plus the NVIDIA GPUs each pod gets (gpu pool only). */
const applicationResourcesSchema = resourcesSchema.extend({ gpus: z.int32().min(1).max(MAX_GPUS_PER_INSTANCE).optional() });

/** A layer's name: its namespace, workload, service and account (a tenant's copy's name too). */
export const layerName = dnsLabel.max(40, { message: "must be at most 40 characters (it prefixes other names)" });

/** Overrides of a namespace's quota (the rest stays derived). */
export const quotaOverrideSchema = z
  .object({
    pods: z.int32().min(1).optional(),
    requestsCpu: cpuQuantity.optional(),
    requestsMemory: memoryQuantity.optional(),
    limitsMemory: memoryQuantity.optional(),
  })
  .strict();

/** `shared`: one copy of the layer serves every tenant; `per-tenant`: each tenant gets its own copy. */
export const tenancyModes = ["shared", "per-tenant"] as const;

export const applicationLayerSchema = z
  .object({
    name: layerName,
    description: z.string().optional(),
    image: pinnedImage,
    capacityClass: z.enum(capacityClasses),
    replicas: z.int32().min(1).optional(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(envName, z.string()).optional(),
    /** Environment variables read from Kubernetes Secrets (e.g. synced by External Secrets): no value in config. */
    secretEnv: z.record(envName, secretEnvSchema).optional(),
    ports: z
      .array(z.object({ name: portName, port: portNumber, protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP") }).strict())
      .min(1)
      .optional(),
    resources: applicationResourcesSchema.optional(),
    probes: z
      .object({ port: portName.optional(), livenessPath: z.string().startsWith("/").optional(), readinessPath: z.string().startsWith("/").optional() })
      .strict()
      .optional(),
    metrics: z.object({ port: portName.optional(), path: z.string().startsWith("/").optional() }).strict().optional(),
    peers: z.array(z.string()).optional(),
    dataServices: dataServicesSchema.optional(),
    /**
     * Layers and data services ("kafka", "postgres", "redis") that must be up before this layer's pods start:
     * its startup order. No layer can be named like a data service (their namespaces are reserved).
     */
    dependsOn: z.array(z.string().min(1)).min(1).optional(),
    autoscaling: autoscalingSchema.optional(),
    pdb: pdbSchema.optional(),
    /** At most one pod of the layer per node ("required"), or as far as the scheduler can ("preferred"). */
    antiAffinity: z.enum(antiAffinityModes).optional(),
    serviceAccount: z
      .object({ automountToken: z.boolean().optional(), annotations: z.record(z.string(), z.string()).optional() })
      .strict()
      .optional(),
    /** Overrides of the namespace quota Strata derives from replicas and resources. */
    quota: quotaOverrideSchema.optional(),
    /** One layer for all (shared), or a copy per tenant (`tenants`), each its own namespace. */
    tenancy: z.enum(tenancyModes).optional(),
    /** External hosts the layer calls (LLM providers, tools, crawling), routed through the egress gateway; nothing else leaves the cluster. */
    egress: egressSchema.optional(),
  })
  .strict();

export type ApplicationLayerInput = z.input<typeof applicationLayerSchema>;
export type ApplicationLayerConfig = z.output<typeof applicationLayerSchema>;
