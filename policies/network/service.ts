import { record } from "../engine/fields";
import type { PolicySubject } from "../engine/subject";

/** A Service's spec, when the subject is a core Service. */
export function serviceSpec(subject: PolicySubject): Record<string, unknown> | undefined {
  if (subject.kind !== "Service" || !subject.object || subject.object.apiVersion !== "v1") return undefined;
  return record(subject.object.spec);
}

/** Service types that open a port outside the cluster. */
export const EXTERNAL_SERVICE_TYPES = ["LoadBalancer", "NodePort"];
