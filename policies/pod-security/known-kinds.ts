import { isObject } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { Undetermined } from "../engine/unknown";
import { POD_SPEC_EXTRACTORS } from "./pod-spec-extractors";
import type { KubernetesObjectLike } from "./pod-spec";

/**
 * A pod-bearing kind the table of pod specs does not know (POD_SPEC_EXTRACTORS: the core workloads, Argo
 * Rollouts and the registered operators' resources) would pass every Pod Security rule unseen. Any object
 * that carries container specs (a `containers` or `initContainers` list of objects with an `image`) and is
 * not of a known kind is reported instead: its pods could not be judged (an advisory, "unknown" outcome),
 * until its kind is registered in `custom-resource-pod-specs.ts`.
 */

const CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];
/** Nothing real nests pod specs deeper than this. */
const MAX_DEPTH = 12;
/** Kinds that describe containers without running any: a CRD's schema. */
const NOT_POD_BEARING = new Set(["CustomResourceDefinition"]);

/** Paths of the container lists an object carries anywhere under its top level (metadata aside). */
export function containerListPaths(object: KubernetesObjectLike): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (CONTAINER_LISTS.includes(key) && Array.isArray(child) && child.some((c) => isObject(c) && typeof c.image === "string")) paths.push(at);
      else walk(child, at, depth + 1);
    }
  };
  for (const [key, value] of Object.entries(object)) if (!["apiVersion", "kind", "metadata"].includes(key)) walk(value, key, 0);
  return paths;
}

export const podSecurityKnownKinds: ResourceRule = {
  name: "pod-security-known-kinds",
  family: "pod-security",
  summary: "an object carrying container specs is of a kind whose pods the pack knows (core workloads, Argo Rollouts, Strimzi, PGO, OpsTree Redis, prometheus-operator); any other kind is reported as not judged (the unknown outcome: advisory)",
  scope: "resource",
  checkSubject(subject) {
    const object = subject.object;
    if (!object || NOT_POD_BEARING.has(subject.kind) || POD_SPEC_EXTRACTORS.covers(object.apiVersion, object.kind)) return [];
    const paths = containerListPaths(object);
    if (!paths.length) return [];
    return [
      new Undetermined(
        `carries container specs (${paths.join(", ")}) but ${object.apiVersion} ${object.kind} is no kind whose pods the pack knows: Pod Security and container resources could not be judged; register the kind in policies/pod-security/custom-resource-pod-specs.ts`,
      ),
    ];
  },
};
