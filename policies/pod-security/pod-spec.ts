import type { IObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { at, isObject } from "../engine/fields";
import type { PodMetadata, PodSpec } from "./pod";

/**
 * Where pods hide in objects. Every pod-bearing kind carries one or more pod specs (a Pod its own, a
 * Deployment its template, a CronJob its job's template, a custom resource whatever its operator turns into
 * pods); the Pod Security rules check each. Extractors are looked up by API group and kind, so a custom
 * resource is covered by registering one (see custom-resource-pod-specs.ts).
 */

/** Any Kubernetes object as found in a stack, a manifest or `helm template` output. */
export interface KubernetesObjectLike {
  apiVersion?: string;
  kind?: string;
  metadata?: IObjectMeta;
  [field: string]: unknown;
}

/** One pod spec inside an object, with the metadata that goes with it. */
export interface PodSpecSite {
  /** Where the spec sits in the object, e.g. "spec.template.spec". */
  path: string;
  metadata: PodMetadata;
  spec: PodSpec;
  /** Another object's template this pod takes parts from (a Strimzi node pool's from its Kafka), as messages name it. */
  inherits?: string;
}

/** Other objects of the same stack or manifest set, for pods that take parts of another object's template. */
export interface ObjectLookup {
  object(apiGroup: string, kind: string, namespace: string | undefined, name: string): KubernetesObjectLike | undefined;
}

export type PodSpecExtractor = (object: KubernetesObjectLike, lookup?: ObjectLookup) => PodSpecSite[];

export interface PodSpecExtractorEntry {
  /** The API group ("" for the core group, "apps", "batch", "kafka.strimzi.io", …): versions do not matter. */
  apiGroup: string;
  kind: string;
  extract: PodSpecExtractor;
}

/** The pod spec of a PodTemplateSpec found at `path` (its metadata alongside), if there is one. */
export function podTemplateAt(object: unknown, path: string): PodSpecSite[] {
  const template = at(object, path);
  if (!isObject(template) || !isObject(template.spec)) return [];
  return [{ path: `${path}.spec`, metadata: (isObject(template.metadata) ? template.metadata : {}) as PodMetadata, spec: template.spec as PodSpec }];
}

const pod: PodSpecExtractor = (object) =>
  isObject(object.spec) ? [{ path: "spec", metadata: object.metadata ?? {}, spec: object.spec as PodSpec }] : [];
const podTemplate: PodSpecExtractor = (object) => podTemplateAt(object, "template");
const workload: PodSpecExtractor = (object) => podTemplateAt(object, "spec.template");
const cronJob: PodSpecExtractor = (object) => podTemplateAt(object, "spec.jobTemplate.spec.template");

/**
 * The core pod-bearing kinds, and the custom ones that embed a plain pod template (Argo Rollouts).
 * `extensions` carries the beta workload APIs old charts still render. Each has a `<Kind>Patch` twin (Pulumi's server-side-apply patch resources, e.g. `DeploymentPatch`): a patch is
 * checked for what it sets, since the fields it leaves alone are not known here.
 */
const CORE_KINDS: ReadonlyArray<[string, string, PodSpecExtractor]> = [
  ["", "Pod", pod],
  ["", "PodTemplate", podTemplate],
  ["", "ReplicationController", workload],
  ["apps", "Deployment", workload],
  ["apps", "StatefulSet", workload],
  ["apps", "DaemonSet", workload],
  ["apps", "ReplicaSet", workload],
  ["extensions", "Deployment", workload],
  ["extensions", "DaemonSet", workload],
  ["extensions", "ReplicaSet", workload],
  ["batch", "Job", workload],
  ["batch", "CronJob", cronJob],
  // Argo Rollouts: a Deployment's pod template (or, with spec.workloadRef, a Deployment's own).
  ["argoproj.io", "Rollout", workload],
];

export const CORE_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = CORE_KINDS.flatMap(([apiGroup, kind, extract]) => [
  { apiGroup, kind, extract },
  { apiGroup, kind: `${kind}Patch`, extract },
]);

/** "apps/v1" → "apps"; "v1" → "" (the core group). */
export function apiGroupOf(apiVersion: string | undefined): string {
  const slash = (apiVersion ?? "").indexOf("/");
  return slash < 0 ? "" : apiVersion!.slice(0, slash);
}

/** A lookup from API group and kind to extractor. Immutable: `with` returns a new registry. */
export class PodSpecExtractors {
  private readonly byKey: ReadonlyMap<string, PodSpecExtractor>;

  constructor(entries: Iterable<PodSpecExtractorEntry>) {
    const byKey = new Map<string, PodSpecExtractor>();
    for (const entry of entries) {
      const key = `${entry.apiGroup}/${entry.kind}`;
      if (byKey.has(key)) throw new Error(`two pod spec extractors for ${entry.kind} in API group "${entry.apiGroup}"`);
      byKey.set(key, entry.extract);
    }
    this.byKey = byKey;
  }

  /** This registry plus more extractors (e.g. a test's, or a custom resource's). */
  with(entries: Iterable<PodSpecExtractorEntry>): PodSpecExtractors {
    return new PodSpecExtractors([...this.entries(), ...entries]);
  }

  /** Whether objects of this API version and kind carry pod specs. */
  covers(apiVersion: string | undefined, kind: string | undefined): boolean {
    return this.byKey.has(`${apiGroupOf(apiVersion)}/${kind}`);
  }

  /** The object's pod specs; none for a kind without pods (Service, ConfigMap, …). */
  podSpecsOf(object: KubernetesObjectLike, lookup?: ObjectLookup): PodSpecSite[] {
    const extract = this.byKey.get(`${apiGroupOf(object.apiVersion)}/${object.kind}`);
    return extract ? extract(object, lookup) : [];
  }

  private *entries(): Iterable<PodSpecExtractorEntry> {
    for (const [key, extract] of this.byKey) {
      const slash = key.lastIndexOf("/");
      yield { apiGroup: key.slice(0, slash), kind: key.slice(slash + 1), extract };
    }
  }
}
