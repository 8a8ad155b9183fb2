import { strict as assert } from "node:assert";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";

/** Helpers for the service layers' tests: their components, Helm releases and IRSA roles in a recorded run. */

export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";
export const IRSA_ROLE_TYPE = "strata:cluster:IrsaRole";
export const MESH_TYPE = "strata:mesh:Mesh";
export const BACKUP_TYPE = "strata:backup:Backup";
export const OBSERVABILITY_TYPE = "strata:observability:Observability";

export function component(run: SucceededRun, type: string): RecordedResource {
  const found = run.resources.filter((r) => r.type === type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0];
}

/** The Helm release installing `chart`; its inputs are what `helm install` gets. */
export function release(run: SucceededRun, chart: string): RecordedResource & { inputs: { values: Record<string, any>; chart: string; version: string; namespace: string; name: string } } {
  const found = run.resources.filter((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === chart);
  assert.equal(found.length, 1, `expected one release of chart ${chart}, found ${found.length}`);
  return found[0] as never;
}

/** IRSA roles under a component, by the service account their trust policy names. */
export function irsaRolesUnder(run: SucceededRun, parent: RecordedResource): Map<string, RecordedResource> {
  const roles = new Map<string, RecordedResource>();
  for (const irsa of run.resources.filter((r) => r.type === IRSA_ROLE_TYPE && r.parent === parent.urn)) {
    const role = run.resources.find((r) => r.type === "aws:iam/role:Role" && r.parent === irsa.urn);
    assert.ok(role, `${irsa.urn} has no IAM role`);
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    const condition = trust.Statement[0].Condition.StringEquals as Record<string, string>;
    const sub = Object.entries(condition).find(([k]) => k.endsWith(":sub"))![1];
    roles.set(sub, role);
  }
  return roles;
}

/** The ARN the offline AWS answers give a role (arn:aws:iam::<account>:role/<name>). */
export function roleArnPattern(role: RecordedResource): RegExp {
  return new RegExp(`^arn:aws:iam::\\d{12}:role/${role.name}`);
}
