import { strict as assert } from "node:assert";
import { meshReleaseNames } from "../capabilities/mesh";
import { strimziPin } from "../capabilities/kafka";
import { pgoPin } from "../capabilities/postgres";
import { redisOperatorPin } from "../capabilities/redis";
import type { ChartPin } from "../platform/pins";
import { nodePools } from "../platform/placement";
import type { RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { byUrn, PLATFORM_TYPE, onlyOne } from "./graph-support";
import { HELM_RELEASE_TYPE, runValidConfig, stackRun, STACKS, testLayer } from "./harness";
import { DATA_CR_KINDS, DATA_LAYER_NAMES, DATA_LAYERS, dataComponent, dataResources, objectOf, releaseOf, type DataLayerName } from "./data-support";

const NODE_GROUP_TYPE = "aws:eks/nodeGroup:NodeGroup";
const CHART: Record<DataLayerName, ChartPin> = { kafka: strimziPin, postgres: pgoPin, redis: redisOperatorPin };
/** The Istio kinds each data layer makes in its data namespace. */
const DATA_MESH_KINDS = ["PeerAuthentication", "Sidecar", "AuthorizationPolicy"];

/** The mesh's release of the given name (Istio's base with the CRDs, istiod the injector). */
function meshRelease(run: SucceededRun, name: string): RecordedResource {
  return onlyOne(run.resources.filter((r) => r.type === HELM_RELEASE_TYPE && r.inputs.name === name), `release ${name}`);
}

describe("data layers: resource graph", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: each data layer is one component under the Platform, independent of every other layer`, async () => {
        const run = await stackRun(stack);
        const platform = onlyOne(run.resources.filter((r) => r.type === PLATFORM_TYPE), "Platform");
        for (const layer of DATA_LAYER_NAMES) {
          const component = dataComponent(run, layer);
          assert.equal(component.parent, platform.urn, layer);
          assert.deepEqual(component.dependsOn, [], `${layer} component depends on something`);
        }
      });

      it(`${stack}: each custom resource depends on its operator's release and nothing else (the PostgresCluster also on the AWS resources it names: pgBackRest's role, the bucket)`, async () => {
        const run = await stackRun(stack);
        const resources = byUrn(run.resources);
        let checked = 0;
        for (const layer of DATA_LAYER_NAMES) {
          const release = releaseOf(run, layer);
          const crs = dataResources(run, layer).filter((r) => DATA_CR_KINDS.includes(objectOf(r).kind));
          assert.ok(crs.length > 0, `${layer}: no custom resource`);
          for (const cr of crs) {
            const others = cr.dependsOn.filter((d) => d !== release.urn);
            assert.ok(cr.dependsOn.includes(release.urn), `${cr.urn} does not depend on ${release.urn}`);
            if (objectOf(cr).kind === "PostgresCluster") {
              assert.deepEqual(others.map((d) => resources.get(d)?.type).sort(), ["aws:iam/role:Role", "aws:s3/bucket:Bucket"], `${cr.urn} depends on ${others.join(", ")}`);
            } else {
              assert.deepEqual(others, [], `${cr.urn} depends on more than its release`);
            }
            checked++;
          }
        }
        assert.ok(checked >= 8);
      });

      it(`${stack}: each data layer's mesh objects (PeerAuthentication, Sidecar, AuthorizationPolicy, in the data namespace only) depend on the release with Istio's CRDs and nothing else`, async () => {
        const run = await stackRun(stack);
        const base = meshRelease(run, meshReleaseNames.base);
        for (const layer of DATA_LAYER_NAMES) {
          const meshObjects = dataResources(run, layer).filter((r) => r.custom && DATA_MESH_KINDS.includes(objectOf(r).kind));
          assert.deepEqual(meshObjects.map((r) => `${objectOf(r).kind}/${objectOf(r).metadata.namespace}`).sort(), DATA_MESH_KINDS.map((k) => `${k}/${DATA_LAYERS[layer].namespace}`).sort(), layer);
          for (const o of meshObjects) assert.deepEqual(o.dependsOn, [base.urn], `${o.urn}'s dependencies`);
        }
      });

      it(`${stack}: each operator release waits for its layer's namespaces, policies and config, the system pool's node groups (no other pool) and the mesh's injector`, async () => {
        const run = await stackRun(stack);
        const resources = byUrn(run.resources);
        const injector = meshRelease(run, meshReleaseNames.istiod);
        const systemGroups = run.resources.filter((r) => r.type === NODE_GROUP_TYPE && JSON.stringify((r.inputs as any).labels) === JSON.stringify(nodePools.system.nodeLabels));
        assert.ok(systemGroups.length > 0);
        for (const layer of DATA_LAYER_NAMES) {
          const release = releaseOf(run, layer);
          const prerequisites = dataResources(run, layer).filter((r) => r.custom && r.type.startsWith("kubernetes:") && r.type !== HELM_RELEASE_TYPE && ![...DATA_CR_KINDS, ...DATA_MESH_KINDS].includes(objectOf(r).kind));
          assert.ok(prerequisites.some((r) => objectOf(r).kind === "Namespace" && objectOf(r).metadata.name === DATA_LAYERS[layer].namespace));
          assert.ok(prerequisites.some((r) => objectOf(r).kind === "Namespace" && objectOf(r).metadata.name === DATA_LAYERS[layer].operatorNamespace));
          const expected = [...prerequisites.map((r) => r.urn), ...systemGroups.map((g) => g.urn), injector.urn].sort();
          assert.deepEqual([...release.dependsOn].sort(), expected, `${layer}: the release's dependencies`);
          for (const d of release.dependsOn) assert.ok(resources.get(d), `${release.urn} depends on unrecorded ${d}`);
        }
      });

      it(`${stack}: each release installs its pinned chart (repository, chart, exact version) into the operator's own namespace`, async () => {
        const run = await stackRun(stack);
        for (const layer of DATA_LAYER_NAMES) {
          const inputs = releaseOf(run, layer).inputs as any;
          const pin = CHART[layer];
          assert.match(pin.version, /^\d+\.\d+\.\d+$/, `${layer}: the pin is an exact version`);
          assert.equal(inputs.version, pin.version, layer);
          if (pin.repo.startsWith("oci://")) {
            assert.equal(inputs.chart, `${pin.repo}/${pin.name}`, layer);
            assert.equal(inputs.repositoryOpts, undefined, layer);
          } else {
            assert.equal(inputs.chart, pin.name, layer);
            assert.equal(inputs.repositoryOpts.repo, pin.repo, layer);
          }
          assert.equal(inputs.namespace, DATA_LAYERS[layer].operatorNamespace, layer);
          assert.equal(inputs.createNamespace, false, `${layer}: the release must not create its namespace`);
        }
      });
    });
  }

  it("a stack whose layers use no data service deploys no data layer, no operator and no data output", async () => {
    const run = await runValidConfig({ profile: "dev", layers: [testLayer("a"), testLayer("b")] });
    for (const layer of DATA_LAYER_NAMES) assert.equal(run.resources.filter((r) => r.type === DATA_LAYERS[layer].type).length, 0, layer);
    const operatorCharts = DATA_LAYER_NAMES.map((l) => CHART[l].name);
    const isOperatorChart = (chart: string) => operatorCharts.some((name) => chart === name || chart.endsWith(`/${name}`));
    assert.deepEqual(run.resources.filter((r) => r.type === HELM_RELEASE_TYPE && isOperatorChart(String(r.inputs.chart))).map((r) => r.urn), [], "no data operator's release");
    for (const key of DATA_LAYER_NAMES) assert.ok(!(key in run.outputs), `output ${key}`);
  });

  it("only the data services the layers use are deployed, and `enabled: true` deploys one no layer uses", async () => {
    const run = await runValidConfig({ profile: "dev", layers: [testLayer("a", { dataServices: { redis: {} } })], postgres: { enabled: true } });
    assert.deepEqual(DATA_LAYER_NAMES.filter((l) => run.resources.some((r) => r.type === DATA_LAYERS[l].type)), ["postgres", "redis"]);
  });
});
