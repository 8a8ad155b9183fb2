import { z } from "zod";
import { isQuantity, parseQuantity } from "../../platform/quantity";

/**
 * The Pods and External metrics an application layer's HorizontalPodAutoscaler scales on (besides CPU and
 * memory), each served by the metrics adapter from a Prometheus series of the same name.
 */

export const prometheusMetricName = z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, {
  message: "must be a Prometheus metric name: letters, digits, '_' and ':', not starting with a digit",
});

/** A metric target: a positive quantity ("10", "500m", "1k"); a YAML number is taken as written. */
const metricTarget = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .superRefine((text, ctx) => {
    if (!isQuantity(text)) ctx.addIssue({ code: "custom", message: `must be a quantity such as "10", "500m" or "1k" (got ${JSON.stringify(text)})` });
    else if (parseQuantity(text) <= 0) ctx.addIssue({ code: "custom", message: `must be above zero (got ${JSON.stringify(text)})` });
  });

/**
 * PromQL the series `name` is recorded from (a Prometheus recording rule); absent: the series `name` as the
 * workloads or exporters publish it. The adapter's chart passes rules through Helm's template engine, and the
 * query becomes a rule, so `{{` is refused.
 */
const metricQuery = z
  .string()
  .trim()
  .min(1, { message: "must be a PromQL expression" })
  .refine((q) => !q.includes("{{"), { message: "must not contain \"{{\" (Helm would read it as a template)" });

/**
 * Label names an External metric selects on: Prometheus label names that are also Kubernetes label keys
 * (the HPA's `matchLabels`), so no leading '_' and at most 63 characters.
 */
const selectorKey = z.string().regex(/^[a-zA-Z]([a-zA-Z0-9_]{0,61}[a-zA-Z0-9])?$/, {
  message: "must be a label name: letters, digits and '_', starting with a letter, at most 63 characters",
});
const selectorValue = z.string().regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, {
  message: "must be a Kubernetes label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
});

/** A per-pod metric (custom.metrics.k8s.io): the series must carry `namespace` and `pod` labels. */
export const podsMetricSchema = z
  .object({
    type: z.literal("Pods"),
    name: prometheusMetricName,
    /** The value each pod should average. */
    averageValue: metricTarget,
    query: metricQuery.optional(),
  })
  .strict();

/** A metric of something outside the cluster's objects (external.metrics.k8s.io): a queue, a consumer lag. */
export const externalMetricSchema = z
  .object({
    type: z.literal("External"),
    name: prometheusMetricName,
    /** Label values the series must have (`metric.selector.matchLabels`). */
    selector: z.record(selectorKey, selectorValue).optional(),
    /** The total to aim for (the sum over the selected series). */
    value: metricTarget.optional(),
    /** The total divided by the replicas, to aim for. */
    averageValue: metricTarget.optional(),
    query: metricQuery.optional(),
  })
  .strict()
  .refine((m) => (m.value === undefined) !== (m.averageValue === undefined), { message: "set exactly one of value and averageValue" });

export const autoscalingMetricSchema = z.discriminatedUnion("type", [podsMetricSchema, externalMetricSchema], {
  error: (issue) => (issue.code === "invalid_union" ? 'type must be "Pods" or "External"' : undefined),
});

export type AutoscalingMetricInput = z.input<typeof autoscalingMetricSchema>;
