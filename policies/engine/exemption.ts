import { z } from "zod";
import { selectorMatches } from "./label-selector";
import { record } from "./fields";
import type { PolicySubject } from "./subject";

/**
 * An exemption: what may break a rule, and why. It names what it covers as narrowly as its reason needs: a
 * kind and a name, or a kind and a label selector, in a namespace (none for cluster-scoped objects and for
 * Namespaces themselves). Anything else in that namespace is judged normally: a whole namespace is never
 * exempted. The reason is required and printed with every report.
 */
export interface Exemption {
  /** The kind of the objects covered ("Namespace", "NetworkPolicy", …; a cloud resource's type token). */
  kind: string;
  /** Their namespace; absent for cluster-scoped objects and for Namespaces (named by `name`). */
  namespace?: string;
  /** The one object covered … */
  name?: string;
  /** … or the objects of that kind whose labels this selector matches. */
  selector?: LabelSelector;
  reason: string;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

export const EXEMPTION_REASON_REQUIRED = "an exemption needs a reason: say why this may break the rule";
export const EXEMPTION_TARGET_REQUIRED = "an exemption names what it covers: a kind with a name or a selector (a whole namespace is never exempted)";

const labelSelectorSchema = z
  .object({
    matchLabels: z.record(z.string(), z.string()).optional(),
    matchExpressions: z
      .array(z.object({ key: z.string().min(1), operator: z.enum(["In", "NotIn", "Exists", "DoesNotExist"]), values: z.array(z.string()).optional() }).strict())
      .optional(),
  })
  .strict()
  .refine((s) => Object.keys(s.matchLabels ?? {}).length + (s.matchExpressions ?? []).length > 0, "an empty selector selects everything: name the labels it needs");

export const exemptionSchema = z
  .object({
    kind: z.string({ error: EXEMPTION_TARGET_REQUIRED }).min(1, EXEMPTION_TARGET_REQUIRED),
    namespace: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    selector: labelSelectorSchema.optional(),
    reason: z.string({ error: EXEMPTION_REASON_REQUIRED }).trim().min(1, EXEMPTION_REASON_REQUIRED),
  })
  .strict()
  .refine((e) => (e.name === undefined) !== (e.selector === undefined), { message: `${EXEMPTION_TARGET_REQUIRED}: give exactly one of name and selector`, path: ["name"] });

/** The namespace an exemption must name to cover a subject: a Namespace is named by its name alone. */
function namespaceOf(subject: PolicySubject): string | undefined {
  return subject.kind === "Namespace" ? undefined : subject.namespace;
}

/** Whether an exemption covers a subject: same kind and namespace, and its name or its labels. */
export function exemptionCovers(exemption: Exemption, subject: PolicySubject): boolean {
  if (exemption.kind !== subject.kind || exemption.namespace !== namespaceOf(subject)) return false;
  if (exemption.name !== undefined) return exemption.name === subject.name;
  const labels = record(subject.object?.metadata?.labels) as Record<string, string>;
  // An exemption covers only what it is known to cover.
  return exemption.selector !== undefined && selectorMatches(exemption.selector, labels) === true;
}

/** The first exemption that covers the subject, if any. */
export function exemptionFor(exemptions: readonly Exemption[], subject: PolicySubject): Exemption | undefined {
  return exemptions.find((e) => exemptionCovers(e, subject));
}

/** "NetworkPolicy postgres/allow-egress-aws-https", "Namespace istio-cni", "Pod monitoring/{app=x}". */
export function describeExemption(exemption: Pick<Exemption, "kind" | "namespace" | "name" | "selector">): string {
  const target = exemption.name ?? JSON.stringify(exemption.selector);
  return `${exemption.kind} ${exemption.namespace ? `${exemption.namespace}/` : ""}${target}`;
}
