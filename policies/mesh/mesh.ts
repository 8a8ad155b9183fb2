import { platformNamespaces } from "../platform/namespaces";
import { ISTIO_API_GROUP_SUFFIX, ISTIO_SECURITY_API_GROUP, isMeshedNamespaceLabels } from "../platform/mesh";
import { record } from "../engine/fields";
import { isUnknown } from "../engine/unknown";
import type { ObjectSubject, PolicyStack } from "../engine/stack";
import type { PolicySubject } from "../engine/subject";
import { apiGroupOf } from "../pod-security/pod-spec";
import { HELM_RELEASE_TYPES } from "../supply-chain/helm-allowlist";

/**
 * What the mesh rules know about a stack. The mesh layer is not built yet: the rules apply as soon as a stack
 * has a mesh (any Istio resource, a namespace labelled for injection or ambient, or an Istio Helm release),
 * and a stack without one has nothing to check.
 */

function isIstioRelease(subject: PolicySubject): boolean {
  return HELM_RELEASE_TYPES.includes(subject.type) && /(^|\/)istiod$/.test(String(subject.inputs.chart ?? ""));
}

/** Namespaces in the mesh (a namespace whose labels are unknown until apply is taken to be: it is judged as one). */
export function meshedNamespaces(stack: PolicyStack): ObjectSubject[] {
  return stack.ofKind("", "Namespace").filter((ns) => {
    const labels = record(ns.object.metadata?.labels) as Record<string, string>;
    return isUnknown(labels) || isMeshedNamespaceLabels(labels);
  });
}

export function hasMesh(stack: PolicyStack): boolean {
  return (
    stack.objects.some((s) => apiGroupOf(s.object.apiVersion).endsWith(ISTIO_API_GROUP_SUFFIX)) || meshedNamespaces(stack).length > 0 || stack.subjects.some(isIstioRelease)
  );
}

export function peerAuthentications(stack: PolicyStack): ObjectSubject[] {
  return stack.ofKind(ISTIO_SECURITY_API_GROUP, "PeerAuthentication");
}

/** A PeerAuthentication in the root namespace without a workload selector: it applies to the whole mesh. */
export function isMeshWide(subject: ObjectSubject): boolean {
  const selector = record(record(subject.object.spec).selector);
  return subject.namespace === platformNamespaces.meshRoot && !isUnknown(selector.matchLabels) && Object.keys(record(selector.matchLabels)).length === 0;
}

/** A finding's subject for something the stack lacks: the object that should exist. */
export function missingObject(apiVersion: string, kind: string, namespace: string, name: string): PolicySubject {
  return { type: `${apiVersion}/${kind}`, kind, namespace, name, inputs: {}, dependencies: [] };
}
