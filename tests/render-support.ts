import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { defaultClusterName } from "../capabilities/cluster/resolve";
import type { PlatformSpec } from "../stack";
import { remoteKeyPrefix } from "../manifests/external-secret";
import { platformDesiredState, type LayerDesiredState } from "../stack/desired-state";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import type { CloudValueSource } from "../platform/cloud-values";
import { RenderCloudValues, renderStack, renderTree, writeTree, type RenderedTree } from "../render";
import { PROJECT_DIR } from "./harness";

/** A fresh empty directory under the OS temp dir. */
export function tempDir(prefix = "strata-render-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The render of one of this project's stacks; a stack that does not render fails the test. */
export function renderedTree(stack: string): RenderedTree {
  const result = renderStack(PROJECT_DIR, stack);
  if (!result.ok) assert.fail(`stack ${stack}: ${JSON.stringify(result.issues)}`);
  return result.tree;
}

/** Every object in the tree's YAML files (kustomizations and placeholders.yaml aside). */
export function treeObjects(tree: RenderedTree): KubernetesObject[] {
  return [...tree.files]
    .filter(([file]) => file.includes("/") && path.basename(file) !== "kustomization.yaml")
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS() as KubernetesObject));
}

/** A chart entry as an operator layer has one. */
export const FIXTURE_CHART = {
  name: "strimzi-kafka-operator",
  repo: "oci://quay.io/strimzi-helm",
  version: "1.2.0",
  releaseName: "strimzi",
  namespace: "kafka",
  values: { watchAnyNamespace: true, resources: { requests: { cpu: "200m", memory: "384Mi" } } },
  includeCRDs: true,
};

/**
 * A fixture layer exercising the seam on its own: a chart, a generated password (a Secret holding
 * `password` in both data and stringData) and an object naming cloud values.
 */
export function fixtureLayer(cloud: CloudValueSource, password: string): LayerDesiredState {
  return {
    name: "fixture-operator",
    helmCharts: [FIXTURE_CHART],
    objects: [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "kafka" } },
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "generated-password", namespace: "kafka" },
        type: "Opaque",
        data: { "password-b64": Buffer.from(password).toString("base64") },
        stringData: { password },
      },
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "cloud", namespace: "kafka" },
        data: { bucket: cloud.bucketName("backups"), account: cloud.accountId(), role: cloud.roleArn("velero") },
      },
    ],
  };
}

/** The `aws:region` of the project's stacks, which renderSpec gives the render unless told otherwise. */
export const TEST_REGION = "eu-west-1";

/** Renders a spec plus extra layers the way renderStack does (with `awsRegion` as the stack's `aws:region`; null: none), to a temp dir. */
export function renderSpec(
  spec: PlatformSpec,
  extra: (cloud: CloudValueSource) => LayerDesiredState[] = () => [],
  stack = "test",
  awsRegion: string | null = TEST_REGION,
): { tree: RenderedTree; dir: string } {
  const cloud = new RenderCloudValues(spec.gitops, spec.cluster, "strata", awsRegion ?? undefined);
  const identity = { cluster: spec.cluster.name ?? defaultClusterName("strata", stack), stack };
  const prefix = remoteKeyPrefix(spec.gitops, "strata", stack);
  const layers = [...platformDesiredState(spec, { cloud, identity, remoteKeyPrefix: prefix }), ...extra(cloud)];
  const tree = renderTree(layers, { stack, gitops: spec.gitops, remoteKeyPrefix: prefix, placeholders: cloud.placeholders() });
  const dir = tempDir();
  writeTree(tree, dir);
  return { tree, dir };
}
