import { strict as assert } from "node:assert";
import { parseAllDocuments } from "yaml";
import { layerDefaults } from "../config/layers/defaults";
import { peakPods, requiredQuota } from "../config/layers/quota";
import { objectKey, type KubernetesObject } from "../manifests/kubernetes-object";
import { stackSubjects } from "../offline/policy-subjects";
import type { SucceededRun } from "../offline/run";
import { GATEWAY_NAME, serviceAccountPrincipal } from "../platform/istio";
import { labelKeys } from "../platform/labels";
import { PROMETHEUS_SERVICE_ACCOUNT } from "../platform/monitoring";
import { platformNamespaces } from "../platform/namespaces";
import { evaluatePolicies, mandatoryViolations } from "../policies/engine/evaluate";
import { POLICY_RULES } from "../policies/rules";
import { validateObjects } from "../validation";
import { dataObjects } from "./data-support";
import { allowedFlows, objectsOfLayer } from "./graph-support";
import { kubernetesObjects, objectsOfKind, runValidConfig, specOf, testLayer } from "./harness";
import { issue, itRejectsEachCase, type InvalidCase } from "./invalid-config-support";
import { kustomize, withoutHelmCharts } from "./kube-tools";
import { renderSpec, treeObjects } from "./render-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";
import { stackPackSettings } from "./policy-support";

/**
 * Tenancy (seed 003): tenants as isolated namespace sets. Two stacks of two tenants each: "single-tenant"
 * (every layer per-tenant, the edge too) and "multi-tenant" (a shared agent pool calling each tenant's own
 * memory). The tenants' namespaces are spelled out here from the config, not read from Strata's code.
 */

const TENANT_NAMES = ["acme", "globex"];
/** acme sizes its memory up (and sets one quota field); globex takes the layer's sizes. */
const ACME_MEMORY = { autoscaling: { maxReplicas: 8 }, quota: { requestsCpu: "4" } };
const MEMORY_MAX_REPLICAS = 4;

function agent(tenancy: "shared" | "per-tenant") {
  return testLayer("agent", { tenancy, capacityClass: "spot", peers: ["memory"], dataServices: { postgres: {}, redis: {} } });
}
const memory = testLayer("memory", {
  tenancy: "per-tenant",
  autoscaling: { maxReplicas: MEMORY_MAX_REPLICAS },
  dataServices: { postgres: { database: "memories" }, kafka: { write: ["memories"] } },
});
const kafka = { topics: [{ name: "memories" }] };

/** Every layer per tenant; the agent is the edge (the first layer), so each tenant names its hosts. */
const SINGLE_TENANT = {
  profile: "dev",
  layers: [agent("per-tenant"), memory],
  tenants: [
    { name: "acme", layers: { memory: ACME_MEMORY }, hosts: ["acme.example.com"] },
    { name: "globex", hosts: ["*.globex.example.com"] },
  ],
  kafka,
};

/** One agent pool for all; each tenant its own memory. */
const MULTI_TENANT = {
  profile: "dev",
  layers: [agent("shared"), memory],
  tenants: [{ name: "acme", layers: { memory: ACME_MEMORY } }, { name: "globex" }],
  kafka,
};

/** The namespaces of each tenant, as the config implies them: `<tenant>-<layer>` per per-tenant layer. */
function tenantNamespaces(perTenantLayers: string[]): Map<string, string[]> {
  return new Map(TENANT_NAMES.map((t) => [t, perTenantLayers.map((l) => `${t}-${l}`)]));
}
const SINGLE_NAMESPACES = tenantNamespaces(["agent", "memory"]);
const MULTI_NAMESPACES = tenantNamespaces(["memory"]);

function otherTenantsNamespaces(namespaces: Map<string, string[]>, tenant: string): Set<string> {
  return new Set([...namespaces].filter(([t]) => t !== tenant).flatMap(([, ns]) => ns));
}

/** An AuthorizationPolicy's rules as the namespaces of the principals they admit ("<anyone>": a rule without principals). */
function admittedNamespaces(policy: any): string[] {
  return policy.spec.rules.flatMap((rule: any) => {
    const principals: string[] = (rule.from ?? []).flatMap((f: any) => f.source?.principals ?? []);
    return principals.length ? principals.map((p) => p.split("/ns/")[1].split("/sa/")[0]) : ["<anyone>"];
  });
}

function policiesIn(objects: KubernetesObject[], kind: string, namespace: string): any[] {
  return objectsOfKind(objects, kind).filter((o) => o.metadata.namespace === namespace);
}

describe("tenancy", () => {
  let single: SucceededRun;
  let multi: SucceededRun;
  before(async () => {
    single = await runValidConfig(SINGLE_TENANT);
    multi = await runValidConfig(MULTI_TENANT);
  });

  it("two tenants × two per-tenant layers: namespaces acme-agent, acme-memory, globex-agent, globex-memory; each, every object in it and its pods labelled with the tenant", () => {
    const spec = specOf(SINGLE_TENANT);
    assert.deepEqual(spec.layers.map((l) => l.name).sort(), [...SINGLE_NAMESPACES.values()].flat().sort());
    const namespaces = objectsOfKind(kubernetesObjects(single.resources), "Namespace").map((n) => n.metadata.name);
    for (const [tenant, owned] of SINGLE_NAMESPACES) {
      for (const ns of owned) {
        assert.ok(namespaces.includes(ns), `no Namespace ${ns}`);
        const objects = objectsOfLayer(single, ns);
        assert.ok(objects.length > 0, ns);
        for (const o of objects) {
          assert.equal(o.metadata.labels?.[labelKeys.tenant], tenant, `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`);
          if (o.kind !== "Namespace") assert.equal(o.metadata.namespace, ns, `${o.kind} ${o.metadata.name} is outside its layer's namespace`);
        }
        const [deployment] = objectsOfKind<any>(objects, "Deployment");
        assert.equal(deployment.spec.template.metadata.labels[labelKeys.tenant], tenant, `${ns}: pod template`);
      }
    }
  });

  it("a shared layer carries no tenant label", () => {
    for (const o of objectsOfLayer(multi, "agent")) assert.equal(o.metadata.labels?.[labelKeys.tenant], undefined, `${o.kind} ${o.metadata.name}`);
  });

  it("a backup schedule naming a per-tenant layer backs up every tenant's copy (no namespace of the layer's own name exists)", async () => {
    const schedule = { name: "tenant-data", schedule: "0 3 * * *", ttl: "168h0m0s", includedNamespaces: ["memory", "agent"] };
    const run = await runValidConfig({ ...MULTI_TENANT, backup: { schedules: [schedule] } });
    const [registered] = objectsOfKind<any>(kubernetesObjects(run.resources), "Schedule").filter((o) => o.metadata.name === schedule.name);
    assert.deepEqual(registered.spec.template.includedNamespaces, ["acme-memory", "globex-memory", "agent"]);
  });

  for (const [model, config, namespaces] of [
    ["single-tenant", SINGLE_TENANT, SINGLE_NAMESPACES],
    ["multi-tenant", MULTI_TENANT, MULTI_NAMESPACES],
  ] as const) {
    describe(model, () => {
      const run = () => (model === "single-tenant" ? single : multi);

      it("no NetworkPolicy of a tenant's namespace allows a flow to or from another tenant's namespace, nor to unnamed namespaces", () => {
        const objects = kubernetesObjects(run().resources);
        for (const [tenant, owned] of namespaces) {
          const others = otherTenantsNamespaces(namespaces, tenant);
          for (const ns of owned) {
            const flows = allowedFlows(policiesIn(objects, "NetworkPolicy", ns));
            assert.ok(flows.length > 0, `${ns}: no flows at all`);
            for (const f of flows) {
              assert.ok(!others.has(f.namespace), `${ns} allows ${f.direction} ${f.namespace}:${f.port}`);
              assert.ok(!f.namespace.startsWith("<"), `${ns} allows ${f.direction} to ${f.namespace}: it could include another tenant`);
            }
          }
        }
      });

      it("no AuthorizationPolicy of a tenant's namespace admits another tenant's principal, nor anyone unnamed", () => {
        const objects = kubernetesObjects(run().resources);
        for (const [tenant, owned] of namespaces) {
          const others = otherTenantsNamespaces(namespaces, tenant);
          for (const ns of owned) {
            const [policy] = policiesIn(objects, "AuthorizationPolicy", ns);
            assert.ok(policy, `${ns}: no AuthorizationPolicy`);
            assert.equal(policy.spec.action, "ALLOW");
            for (const admitted of admittedNamespaces(policy)) assert.ok(admitted !== "<anyone>" && !others.has(admitted), `${ns} admits ${admitted}`);
          }
        }
      });

      it("per-tenant ResourceQuotas and autoscalers: acme's memory from its own sizes and quota override, globex's from the layer's", () => {
        const { resources } = specOf(config).layers.find((l) => l.name === "globex-memory")!;
        const quotaOf = (ns: string) => (policiesIn(objectsOfLayer(run(), ns), "ResourceQuota", ns)[0] as any).spec.hard;
        const hpaMax = (ns: string) => (objectsOfKind<any>(objectsOfLayer(run(), ns), "HorizontalPodAutoscaler")[0]).spec.maxReplicas;
        const derived = (max: number) => requiredQuota(peakPods(max, layerDefaults.maxSurgePercent), resources);
        const acme = derived(ACME_MEMORY.autoscaling.maxReplicas);
        const globex = derived(MEMORY_MAX_REPLICAS);
        assert.notEqual(acme.pods, globex.pods);
        assert.equal(hpaMax("acme-memory"), ACME_MEMORY.autoscaling.maxReplicas);
        assert.equal(hpaMax("globex-memory"), MEMORY_MAX_REPLICAS);
        const hard = (q: ReturnType<typeof derived>, cpu: string) => ({
          pods: String(q.pods),
          "requests.cpu": cpu,
          "requests.memory": q.requestsMemory,
          "limits.memory": q.limitsMemory,
          "services.loadbalancers": "0",
          "services.nodeports": "0",
        });
        assert.deepEqual(quotaOf("acme-memory"), hard(acme, ACME_MEMORY.quota.requestsCpu));
        assert.deepEqual(quotaOf("globex-memory"), hard(globex, globex.requestsCpu));
      });

      it("Postgres: a user and a database of its own per tenant copy (a declared database prefixed with the tenant); Kafka: a user per copy with the layer's ACLs", () => {
        const [cluster] = objectsOfKind<any>(dataObjects(run(), "postgres"), "PostgresCluster");
        const users = Object.fromEntries(cluster.spec.users.map((u: any) => [u.name, u.databases]));
        const expected: Record<string, string[]> = {};
        for (const t of TENANT_NAMES) expected[`${t}-memory`] = [`${t}-memories`];
        if (model === "single-tenant") for (const t of TENANT_NAMES) expected[`${t}-agent`] = [`${t}-agent`];
        else expected.agent = ["agent"];
        assert.deepEqual(users, expected);
        const outputs = (run().outputs.postgres as any).users;
        assert.deepEqual(Object.keys(outputs).sort(), Object.keys(expected).sort());
        assert.equal(outputs["acme-memory"].database, "acme-memories");

        const kafkaUsers = objectsOfKind<any>(dataObjects(run(), "kafka"), "KafkaUser");
        assert.deepEqual(kafkaUsers.map((u) => u.metadata.name).sort(), TENANT_NAMES.map((t) => `${t}-memory`));
        assert.deepEqual(kafkaUsers[0].spec.authorization.acls, kafkaUsers[1].spec.authorization.acls);
        assert.ok(kafkaUsers[0].spec.authorization.acls.some((acl: any) => acl.resource.name === "memories"));
      });

      it("outputs: layers by the copies' names; tenants.<tenant>.namespaces lists exactly the tenant's namespaces", () => {
        const layers = run().outputs.layers as Record<string, { namespace: string }>;
        const shared = model === "multi-tenant" ? ["agent"] : [];
        assert.deepEqual(Object.keys(layers).sort(), [...shared, ...[...namespaces.values()].flat()].sort());
        assert.deepEqual(run().outputs.tenants, Object.fromEntries([...namespaces].map(([t, ns]) => [t, { namespaces: ns }])));
        for (const ns of [...namespaces.values()].flat()) assert.equal(layers[ns].namespace, ns);
      });

      it("zero mandatory policy violations under the dev pack config", () => {
        const report = evaluatePolicies(stackSubjects(run().resources), POLICY_RULES, stackPackSettings("dev"));
        assert.deepEqual(mandatoryViolations(report), []);
      });
    });
  }

  it("multi-tenant: the shared agent reaches every tenant's memory; each memory admits only the agent (and monitoring), in its NetworkPolicies and its AuthorizationPolicy", () => {
    const objects = kubernetesObjects(multi.resources);
    const copies = [...MULTI_NAMESPACES.values()].flat();
    const agentEgress = allowedFlows(policiesIn(objects, "NetworkPolicy", "agent")).filter((f) => f.direction === "egress").map((f) => f.namespace);
    for (const ns of copies) assert.ok(agentEgress.includes(ns), `agent cannot reach ${ns}`);
    const [sidecar] = policiesIn(objects, "Sidecar", "agent");
    for (const ns of copies) assert.ok(sidecar.spec.egress[0].hosts.includes(`${ns}/*`), `agent's Sidecar omits ${ns}`);
    for (const ns of copies) {
      const ingress = allowedFlows(policiesIn(objects, "NetworkPolicy", ns)).filter((f) => f.direction === "ingress").map((f) => f.namespace);
      assert.deepEqual([...new Set(ingress)].sort(), ["agent", platformNamespaces.monitoring].sort(), ns);
      const [policy] = policiesIn(objects, "AuthorizationPolicy", ns);
      assert.deepEqual([...new Set(admittedNamespaces(policy))].sort(), ["agent", platformNamespaces.monitoring].sort(), ns);
      const principals = policy.spec.rules.flatMap((r: any) => r.from[0].source.principals);
      assert.ok(principals.includes(serviceAccountPrincipal("agent", "agent")));
      assert.ok(principals.includes(serviceAccountPrincipal(platformNamespaces.monitoring, PROMETHEUS_SERVICE_ACCOUNT)));
    }
  });

  it("a per-tenant edge layer: one VirtualService per tenant routes its hosts to its copy; the Gateway serves all their hosts; the gateway reaches each copy and each copy admits it", () => {
    const objects = kubernetesObjects(single.resources);
    const services = objectsOfKind<any>(objects, "VirtualService");
    const tenants = SINGLE_TENANT.tenants;
    assert.deepEqual(
      services.map((vs) => [vs.metadata.name, vs.spec.hosts, vs.spec.http[0].route[0].destination.host]).sort(),
      tenants.map((t) => [`edge-${t.name}`, t.hosts, `${t.name}-agent.${t.name}-agent.svc.cluster.local`]).sort(),
    );
    const [gateway] = objectsOfKind<any>(objects, "Gateway");
    assert.deepEqual(gateway.spec.servers.flatMap((s: any) => s.hosts).sort(), tenants.flatMap((t) => t.hosts).sort());
    const gatewayEgress = allowedFlows(policiesIn(objects, "NetworkPolicy", platformNamespaces.gateway)).filter((f) => f.direction === "egress").map((f) => f.namespace);
    const applicationNamespaces = new Set([...SINGLE_NAMESPACES.values()].flat());
    assert.deepEqual([...new Set(gatewayEgress.filter((ns) => applicationNamespaces.has(ns)))].sort(), ["acme-agent", "globex-agent"]);
    for (const ns of ["acme-agent", "globex-agent"]) {
      const ingress = allowedFlows(policiesIn(objects, "NetworkPolicy", ns)).filter((f) => f.direction === "ingress");
      assert.ok(ingress.some((f) => f.namespace === platformNamespaces.gateway && f.pods?.app === GATEWAY_NAME), `${ns} does not admit the gateway`);
      assert.ok(admittedNamespaces(policiesIn(objects, "AuthorizationPolicy", ns)[0]).includes(platformNamespaces.gateway), `${ns}'s AuthorizationPolicy does not admit the gateway`);
    }
    for (const ns of ["acme-memory", "globex-memory"]) {
      assert.ok(!admittedNamespaces(policiesIn(objects, "AuthorizationPolicy", ns)[0]).includes(platformNamespaces.gateway), `${ns} is not the edge`);
    }
  });

  describe("render", () => {
    let rendered: ReturnType<typeof renderSpec>;
    before(() => {
      rendered = renderSpec(specOf(SINGLE_TENANT));
    });

    it("a directory per tenant copy; kubectl kustomize builds the tree (helmCharts set aside) into every rendered object", () => {
      const { tree, dir } = rendered;
      for (const ns of [...SINGLE_NAMESPACES.values()].flat()) assert.ok(tree.files.has(`${ns}/kustomization.yaml`), `no directory ${ns}`);
      const built = kustomize(withoutHelmCharts(dir).dir);
      assert.equal(built.code, 0, built.stderr);
      const objects = parseAllDocuments(built.stdout).map((d) => d.toJS() as KubernetesObject);
      assert.deepEqual(objects.map(objectKey).sort(), treeObjects(tree).map(objectKey).sort());
      assert.ok(objects.some((o) => o.kind === "VirtualService" && o.metadata.name === "edge-globex"));
    });

    it("every rendered object validates against its schema (core kinds and the upstream CRDs)", function () {
      requireSharedCrds(this);
      const result = validateObjects(treeObjects(rendered.tree), { crds: [SHARED_CRDS] });
      assert.deepEqual(result.schemaErrors, []);
      assert.ok(result.validated > 0);
    });
  });

  describe("invalid config (the real program, offline)", () => {
    const perTenant = (name: string, extra: Record<string, unknown> = {}) => testLayer(name, { tenancy: "per-tenant", ...extra });
    const config = (layers: unknown[], tenants: unknown, extra: Record<string, unknown> = {}) => ({ profile: "dev", layers, ...(tenants ? { tenants } : {}), ...extra });
    const shared = testLayer("front", { peers: ["memory"] });
    const cases: InvalidCase[] = [
      { title: "a per-tenant layer without tenants", config: config([shared, perTenant("memory")], undefined), issues: [issue("layers[1].tenancy", /"memory" is per-tenant/, /list them under tenants/)] },
      { title: "tenants without a per-tenant layer", config: config([shared, testLayer("memory")], [{ name: "acme" }]), issues: [issue("tenants", /no layer is per-tenant/)] },
      {
        title: "tenant names: duplicate, not a DNS label",
        config: config([shared, perTenant("memory")], [{ name: "acme" }, { name: "acme" }, { name: "Big_Co" }]),
        issues: [issue("tenants[1].name", /duplicate tenant name "acme" \(also tenants\[0\]\)/), issue("tenants[2].name", /DNS-1035 label/)],
      },
      {
        title: "tenants[i].layers: a key that is no layer, one that is a shared layer, an unknown size key",
        config: config([shared, perTenant("memory")], [{ name: "acme", layers: { memroy: {}, front: { replicas: 2 }, memory: { cpu: "2" } } }]),
        issues: [
          issue("tenants[0].layers.memroy", /"memroy" is not a layer; per-tenant layers are: memory/),
          issue("tenants[0].layers.front", /"front" is a shared layer/),
          issue("tenants[0].layers.memory.cpu", /unknown key/),
        ],
      },
      {
        title: "a tenant's autoscaler bounds: min above the layer's max; bounds for a layer without an autoscaler",
        config: config([shared, perTenant("memory", { autoscaling: { maxReplicas: 4 } }), perTenant("cache")], [
          { name: "acme", layers: { memory: { autoscaling: { minReplicas: 6 } }, cache: { autoscaling: { maxReplicas: 5 } } } },
        ]),
        issues: [
          issue("tenants[0].layers.memory.autoscaling.maxReplicas", /maxReplicas 4 is below autoscaling.minReplicas 6/),
          issue("tenants[0].layers.cache.autoscaling", /"cache" has no autoscaler \(layers\[2\]\.autoscaling\)/),
        ],
      },
      {
        title: "a tenant's quota below its copy's peak; the layer's own quota too small for a tenant's larger copy",
        config: config([shared, perTenant("memory", { autoscaling: { maxReplicas: 4 }, quota: { pods: 5 } })], [
          { name: "acme", layers: { memory: { autoscaling: { maxReplicas: 8 } } } },
          { name: "globex", layers: { memory: { quota: { pods: 3 } } } },
        ]),
        issues: [
          issue("tenants[0].layers.memory.quota.pods", /5 is below what the layer may run at its peak \(10 pods\): at least 10/),
          issue("tenants[1].layers.memory.quota.pods", /3 is below what the layer may run at its peak \(5 pods\): at least 5/),
        ],
      },
      {
        title: "a tenant's replicas leave the layer's PDB no room to drain",
        config: config([shared, perTenant("memory", { replicas: 3, pdb: { minAvailable: 2 } })], [{ name: "acme", layers: { memory: { replicas: 2 } } }]),
        issues: [issue("tenants[0].layers.memory", /layers\[1\]\.pdb\.minAvailable with these sizes: minAvailable 2 must be below the layer's minimum replicas \(2\)/)],
      },
      {
        title: "a tenant's sizes break the layer's required anti-affinity on its pool (dev's on-demand node group of fixed size: 2 nodes)",
        config: config(
          [shared, perTenant("memory", { antiAffinity: "required", replicas: 1 }), perTenant("cache", { antiAffinity: "required", autoscaling: { minReplicas: 1, maxReplicas: 1 } })],
          [
            { name: "acme", layers: { memory: { replicas: 3 } } },
            { name: "globex", layers: { cache: { autoscaling: { maxReplicas: 5 } } } },
          ],
          { cluster: { autoscaling: { mode: "none" } } },
        ),
        issues: [
          issue("tenants[0].layers.memory.replicas", /3 replicas plus a rolling update's surge are 4 pods, but the on-demand pool has 2 nodes/),
          issue("tenants[1].layers.cache.autoscaling.maxReplicas", /up to 5 replicas plus a rolling update's surge are 7 pods/),
        ],
      },
      {
        title: "with Karpenter, the same tenant's copy takes more nodes than its pool's CPU limit allows (a node per pod)",
        config: config(
          [testLayer("front", { peers: ["cache"] }), perTenant("cache", { antiAffinity: "required", autoscaling: { minReplicas: 1, maxReplicas: 1 } })],
          [{ name: "acme" }, { name: "globex", layers: { cache: { autoscaling: { maxReplicas: 5 } } } }],
        ),
        issues: [issue("karpenter.pools.on-demand.limits.cpu", /globex-cache has antiAffinity "required": its 7 pods at their peak need a node each, at least \w+\.large \(2 vCPU\), 14 vCPU in all, above the limit of 8 vCPU \(the dev profile's default\)/)],
      },
      {
        title: "a tenant's replicas under a layer autoscaler's own minimum would change nothing",
        config: config([shared, perTenant("memory", { autoscaling: { minReplicas: 2, maxReplicas: 6 } })], [{ name: "acme", layers: { memory: { replicas: 4 } } }]),
        issues: [issue("tenants[0].layers.memory.replicas", /layers\[1\]\.autoscaling\.minReplicas\), which these replicas would not change: size the copy with autoscaling\.minReplicas/)],
      },
      {
        title: "one database for two tenants, or for a tenant and a shared layer",
        config: config(
          [
            testLayer("front", { peers: ["memory"], dataServices: { postgres: { database: "acme-x" } } }),
            perTenant("memory", { dataServices: { postgres: { database: "b-x" } } }),
            perTenant("cache", { dataServices: { postgres: { database: "x" } } }),
          ],
          [{ name: "a" }, { name: "a-b" }, { name: "acme" }],
        ),
        issues: [
          issue("tenants[1].name", /tenant "a-b"'s copy of layer "cache" uses the database "a-b-x", as does tenant "a"'s copy of layer "memory"/),
          issue("tenants[2].name", /tenant "acme"'s copy of layer "cache" uses the database "acme-x", as does the shared layer "front" \(layers\[0\]\)/),
        ],
      },
      {
        title: "copy names: too long, a reserved namespace, another layer's name, another copy's name",
        config: config([shared, perTenant("memory"), perTenant("system"), perTenant("b-memory"), testLayer("acme-memory")], [
          { name: "a-very-long-tenant-name-for-a-copy" },
          { name: "kube" },
          { name: "acme" },
          { name: "a-b" },
          { name: "a" },
        ]),
        issues: [
          issue("tenants[0].name", /"a-very-long-tenant-name-for-a-copy-b-memory", which must be at most 40 characters/),
          issue("tenants[1].name", /"kube-system", a reserved namespace/),
          issue("tenants[2].name", /"acme-memory", which is also layers\[4\]'s name/),
          issue("tenants[4].name", /tenant "a"'s copy of layer "b-memory" is named "a-b-memory", which is also tenant "a-b"'s copy of "memory"'s name/),
        ],
      },
      {
        title: "a declared database that the tenant prefix makes too long",
        config: config([shared, perTenant("memory", { dataServices: { postgres: { database: "d".repeat(60) } } })], [{ name: "acme" }]),
        issues: [issue("tenants[0].name", /uses the database "acme-d+" \(layers\[1\]\.dataServices\.postgres\.database\), which must be at most 63 characters/)],
      },
      {
        title: "a per-tenant edge layer: a tenant without hosts, hosts two tenants share, the gateway's own hosts",
        config: config([perTenant("front"), perTenant("memory")], [{ name: "acme", hosts: ["*.example.com"] }, { name: "globex" }, { name: "initech", hosts: ["initech.example.com"] }], {
          mesh: { gateway: { hosts: ["api.example.com"] } },
        }),
        issues: [
          issue("mesh.gateway.hosts", /the edge layer "front" \(the first layer, by default\) is per-tenant/),
          issue("tenants[1].hosts", /name the hosts the gateway routes to tenant "globex"'s copy/),
          issue("tenants[2].hosts[0]", /"initech.example.com" overlaps "\*.example.com" of tenant "acme" \(tenants\[0\]\.hosts\[0\]\)/),
        ],
      },
      {
        title: "a shared edge layer: tenants name no hosts",
        config: config([shared, perTenant("memory")], [{ name: "acme", hosts: ["acme.example.com"] }], { mesh: { gateway: { edgeLayer: "front" } } }),
        issues: [issue("tenants[0].hosts", /the edge layer "front" \(mesh.gateway.edgeLayer\) is shared/)],
      },
      { title: "an unknown tenancy", config: config([shared, testLayer("memory", { tenancy: "per-customer" })], undefined), issues: [issue("layers[1].tenancy", /shared.*per-tenant/)] },
    ];
    itRejectsEachCase(cases);
  });
});
