import { resourceSubject, type PolicySubject } from "../policies/engine/subject";
import { UNKNOWN } from "../policies/engine/unknown";
import { mapUnknowns, revealSecrets, type RecordedResource } from "./recorder";

/**
 * The resources an offline run recorded, as the policies see them in a preview: custom resources only (not
 * components, not providers), inputs with secrets revealed (a secret spec is still a spec to judge), values
 * unknown in a preview as the pack's UNKNOWN, and dependencies as the engine would pass them.
 */
export function stackSubjects(resources: readonly RecordedResource[]): PolicySubject[] {
  return resources
    .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
    .map((r) => resourceSubject({ urn: r.urn, type: r.type, name: r.name, inputs: mapUnknowns(revealSecrets(r.inputs), () => UNKNOWN) as Record<string, unknown>, dependencies: r.dependsOn }));
}
