import { strict as assert } from "node:assert";
import { egressObjectName, egressSubsetName } from "../capabilities/mesh";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { EGRESS_GATEWAY_NAMESPACE } from "../platform/egress";
import { objectFileNames } from "../render/file-names";
import { validateObjects } from "../validation";
import { runValidConfig, specOf, testLayer } from "./harness";
import { renderSpec } from "./render-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * Egress object and subset names: one host, one name, and no two hosts share one. A wildcard's `*` is spelled
 * `wildcard`, so `*.example.com` and the real host `wildcard.example.com` would read alike; long hosts sharing
 * a prefix would share a name cut to a limit; `a-b.example.com` and `a.b-example.com` would share a subset
 * once dots become '-'. The seed stacks' hosts keep their readable names.
 */

const LONG = "a".repeat(60);
/** Two hosts that read alike, two that share their first 63 characters, two that differ only in '.' and '-'. */
const CLASHES: [string, string][] = [
  ["*.example.com", "wildcard.example.com"],
  [`${LONG}.one.example.com`, `${LONG}.two.example.com`],
  ["a-b.example.com", "a.b-example.com"],
];
/** The longest host a name is made of: 253 characters of labels of at most 63. */
const LONGEST = `${["b", "c", "d"].map((c) => c.repeat(63)).join(".")}.${"e".repeat(57)}.com`;

const configOf = (hosts: string[]) => ({ profile: "dev", layers: [testLayer("front", { egress: hosts.map((host) => ({ host })) }), testLayer("back", { egress: [{ host: hosts[hosts.length - 1] }] })] });
const egressObjectsOf = (hosts: string[]): (KubernetesObject & { spec: any })[] =>
  renderSpec(specOf(configOf(hosts)))
    .tree.layers.flatMap((l) => l.objects)
    .filter((o) => o.metadata.namespace === EGRESS_GATEWAY_NAMESPACE && o.apiVersion.startsWith("networking.istio.io/")) as any;
const subsetsOf = (objects: (KubernetesObject & { spec: any })[]) => objects.filter((o) => o.kind === "DestinationRule" && o.spec.subsets).flatMap((o) => o.spec.subsets.map((s: { name: string }) => s.name));

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe("egress names: unique, stable, within Kubernetes' limits", () => {
  it("the seed stacks' hosts and a wildcard keep their readable names", () => {
    assert.equal(egressObjectName("api.openai.com"), "egress-api.openai.com");
    assert.equal(egressSubsetName("api.openai.com"), "api-openai-com");
    assert.equal(egressObjectName("api.anthropic.com"), "egress-api.anthropic.com");
    assert.equal(egressSubsetName("api.anthropic.com"), "api-anthropic-com");
    assert.equal(egressObjectName("*.example.com"), "egress-wildcard.example.com");
    assert.equal(egressSubsetName("*.example.com"), "wildcard-example-com");
  });

  for (const [a, b] of CLASHES) {
    it(`${a.slice(0, 30)}… and ${b.slice(0, 30)}…: distinct objects and distinct subsets, each subset routed to its own host's SNI`, () => {
      const objects = egressObjectsOf([a, b]);
      for (const kind of ["ServiceEntry", "Gateway", "VirtualService", "DestinationRule"]) {
        const names = objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
        assert.equal(new Set(names).size, 2, `${kind}: ${names.join(", ")}`);
      }
      const subsets = subsetsOf(objects);
      assert.equal(new Set(subsets).size, 2, `subsets: ${subsets.join(", ")}`);
      for (const host of [a, b]) {
        const vs = objects.find((o) => o.kind === "VirtualService" && o.spec.hosts[0] === host)!;
        const dr = objects.find((o) => o.kind === "DestinationRule" && o.spec.subsets?.[0].trafficPolicy.portLevelSettings[0].tls.sni === host)!;
        assert.equal(vs.spec.tls[0].route[0].destination.subset, dr.spec.subsets[0].name, `${host}'s route goes to its own subset`);
      }
      assert.doesNotThrow(() => objectFileNames(objects), "render writes each object to its own file");
    });
  }

  it("check (the real program, offline) accepts every clash pair at once: no object defined twice", async () => {
    await runValidConfig(configOf(CLASHES.flat()));
  });

  it("a name depends on its host alone: another host declared beside it changes nothing", () => {
    for (const host of CLASHES.flat()) {
      const alone = egressObjectsOf([host]).map((o) => o.metadata.name);
      const together = egressObjectsOf(CLASHES.flat()).filter((o) => (o.spec.hosts ?? o.spec.servers?.[0].hosts ?? [o.spec.subsets?.[0].trafficPolicy.portLevelSettings[0].tls.sni])[0] === host).map((o) => o.metadata.name);
      assert.deepEqual(together, alone, host);
    }
  });

  it("object names are DNS-1123 subdomains (origination's -tls included), subsets DNS-1123 labels, for every clash and the longest host", () => {
    for (const host of [...CLASHES.flat(), LONGEST, `*.${LONGEST.slice(LONGEST.indexOf(".") + 1)}`, `wildcard.${LONGEST.slice(LONGEST.indexOf(".") + 1)}`]) {
      const name = `${egressObjectName(host)}-tls`;
      assert.ok(name.length <= 253 && DNS1123_SUBDOMAIN.test(name), `${name} (${name.length})`);
      const subset = egressSubsetName(host);
      assert.ok(subset.length <= 63 && DNS1123_LABEL.test(subset), `${subset} (${subset.length})`);
    }
    assert.equal(LONGEST.length, 253);
  });

  it("the clash pairs' objects validate against ../shared/crds (schema and CEL)", function () {
    requireSharedCrds(this);
    const objects = egressObjectsOf(CLASHES.flat());
    const result = validateObjects(objects, { crds: [SHARED_CRDS] });
    assert.deepEqual(result.schemaErrors, []);
    assert.equal(result.unvalidated.length, 0);
  });
});
