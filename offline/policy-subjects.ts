import { resourceSubject, type PolicySubject } from "../policies/engine/subject";
import { revealSecrets, type RecordedResource } from "./recorder";

/**
 * The resources an offline run recorded, as the policies see them in a preview: custom resources only (not
 * components, not providers), inputs with secrets revealed (a secret spec is still a spec to judge), and
 * dependencies as the engine would pass them.
 */
export function stackSubjects(resources: readonly RecordedResource[]): PolicySubject[] {
  return resources
    .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
    .map((r) => resourceSubject({ urn: r.urn, type: r.type, name: r.name, inputs: revealSecrets(r.inputs) as Record<string, unknown>, dependencies: r.dependsOn }));
}
