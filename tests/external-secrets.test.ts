import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { stackSubjects } from "../offline/policy-subjects";
import type { SucceededRun } from "../offline/run";
import { findObject, layerComponent, objectsOfLayer } from "./graph-support";
import { evaluatePolicies, mandatoryViolations } from "../policies/engine/evaluate";
import { POLICY_RULES } from "../policies/rules";
import { HELM_RELEASE_TYPE, kubernetesObjects, runValidConfig, specOf, stackRun, STACKS, testLayer } from "./harness";
import { issue, itRejectsEachCase } from "./invalid-config-support";
import { renderSpec, treeObjects } from "./render-support";
import { stackPackSettings } from "./policy-support";

/**
 * `secrets.externalSecrets`: each application layer creates the ExternalSecrets of the Secrets its
 * `secretEnv` reads, honouring `remoteRef`; the render writes them once (as the layer's, not a second copy).
 * Seed 001's `api-keys`: two keys of one Secret, each from its own Secrets Manager secret.
 */

const STORE = { kind: "ClusterSecretStore", name: "aws-secrets-manager" };

const config = {
  profile: "dev",
  secrets: { externalSecrets: true },
  gitops: { secretStore: STORE, refreshInterval: "1h" },
  layers: [
    testLayer("l2-dialogue", {
      secretEnv: {
        OPENAI_API_KEY: { secret: "api-keys", key: "openai-api-key", remoteRef: { key: "ideation-engine/openai", property: "api-key" } },
        ANTHROPIC_API_KEY: { secret: "api-keys", key: "anthropic-api-key", remoteRef: { key: "ideation-engine/anthropic", property: "api-key" } },
        // The same key read twice, with the same source: one entry.
        OPENAI_KEY_ALIAS: { secret: "api-keys", key: "openai-api-key", remoteRef: { key: "ideation-engine/openai", property: "api-key" } },
        // No remoteRef: the default remote key, `<prefix>/<namespace>/<secret>`, property = key.
        DB_TOKEN: { secret: "db-token", key: "token" },
      },
    }),
  ],
};

const API_KEYS_SPEC = {
  refreshInterval: "1h",
  secretStoreRef: STORE,
  target: { name: "api-keys", creationPolicy: "Owner" },
  data: [
    { secretKey: "anthropic-api-key", remoteRef: { key: "ideation-engine/anthropic", property: "api-key" } },
    { secretKey: "openai-api-key", remoteRef: { key: "ideation-engine/openai", property: "api-key" } },
  ],
};

const externalSecrets = (objects: KubernetesObject[]) => objects.filter((o) => o.kind === "ExternalSecret");
/** The Secrets the credentials capability writes into a layer's namespace (tests/credentials.test.ts). */
const CREDENTIAL_SECRETS = ["kafka-credentials", "postgres-credentials", "redis-credentials"];

describe("secrets.externalSecrets: the layers' own ExternalSecrets", () => {
  let run: SucceededRun;
  before(async () => {
    run = await runValidConfig(config);
  });

  it("the layer registers one ExternalSecret per Secret: api-keys with exactly the declared remote refs, db-token with the default remote key", () => {
    const objects = objectsOfLayer(run, "l2-dialogue");
    assert.deepEqual(externalSecrets(objects).map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort(), ["l2-dialogue/api-keys", "l2-dialogue/db-token"]);
    const apiKeys = findObject(objects, "ExternalSecret", "l2-dialogue", "api-keys");
    assert.equal(apiKeys.apiVersion, "external-secrets.io/v1");
    assert.deepEqual(apiKeys.spec, API_KEYS_SPEC);
    assert.deepEqual(findObject(objects, "ExternalSecret", "l2-dialogue", "db-token").spec, {
      ...API_KEYS_SPEC,
      target: { name: "db-token", creationPolicy: "Owner" },
      data: [{ secretKey: "token", remoteRef: { key: "strata/test/l2-dialogue/db-token", property: "token" } }],
    });
  });

  it("the Deployment reads the keys the ExternalSecret fills, by the same names", () => {
    const deployment = findObject(objectsOfLayer(run, "l2-dialogue"), "Deployment", "l2-dialogue", "l2-dialogue") as any;
    const env = deployment.spec.template.spec.containers[0].env.filter((e: any) => e.valueFrom?.secretKeyRef?.name === "api-keys");
    const filled = new Set(API_KEYS_SPEC.data.map((d) => d.secretKey));
    assert.equal(env.length, 3);
    for (const e of env) assert.ok(filled.has(e.valueFrom.secretKeyRef.key), `${e.name} reads a key the ExternalSecret does not fill`);
  });

  it("the ExternalSecret waits for its namespace and the External Secrets Operator's release (its CRD), not for Istio's CRDs", () => {
    const component = layerComponent(run.resources, "l2-dialogue");
    const resource = run.resources.find((r) => r.parent === component.urn && (r.inputs as any)?.kind === "ExternalSecret" && (r.inputs as any).metadata.name === "api-keys")!;
    const namespace = run.resources.find((r) => r.parent === component.urn && (r.inputs as any)?.kind === "Namespace")!;
    const release = run.resources.find((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === "external-secrets")!;
    assert.equal(release.inputs.version, "2.9.0");
    assert.deepEqual([...resource.dependsOn].sort(), [namespace.urn, release.urn].sort());
  });

  it("no secret value in state: no Secret is registered, and the ExternalSecrets hold references only", () => {
    const objects = kubernetesObjects(run.resources);
    assert.deepEqual(objects.filter((o) => o.kind === "Secret" && o.metadata.namespace === "l2-dialogue"), []);
    for (const o of externalSecrets(objects)) {
      assert.deepEqual(Object.keys(o.spec as object).sort(), ["data", "refreshInterval", "secretStoreRef", "target"]);
      for (const entry of (o.spec as any).data) assert.deepEqual(Object.keys(entry.remoteRef).sort(), ["key", "property"]);
    }
  });

  it("the stack passes the dev pack config: zero mandatory violations", () => {
    assert.deepEqual(mandatoryViolations(evaluatePolicies(stackSubjects(run.resources), POLICY_RULES, stackPackSettings("dev"))), []);
  });

  describe("the render", () => {
    const { tree, dir } = renderSpec(specOf(config));

    it("writes each ExternalSecret once, as the layer registers it (no second copy from the Deployment's references)", () => {
      const written = externalSecrets(treeObjects(tree)).filter((o) => o.metadata.namespace === "l2-dialogue");
      assert.deepEqual(written.map((o) => o.metadata.name).sort(), ["api-keys", "db-token"]);
      const registered = findObject(objectsOfLayer(run, "l2-dialogue"), "ExternalSecret", "l2-dialogue", "api-keys");
      assert.deepEqual(written.find((o) => o.metadata.name === "api-keys"), JSON.parse(JSON.stringify(registered)));
    });

    it("writes no Secret and no value: every file of the layer is an object without data", () => {
      const layerDir = path.join(dir, "l2-dialogue");
      assert.ok(fs.existsSync(layerDir));
      const objects = treeObjects(tree);
      assert.deepEqual(objects.filter((o) => o.kind === "Secret"), []);
      for (const o of externalSecrets(objects)) assert.equal((o as any).stringData ?? (o as any).data, undefined);
    });
  });
});

describe("secrets.externalSecrets off (the default)", () => {
  for (const stack of STACKS) {
    it(`${stack}: no application layer registers an ExternalSecret for its secretEnv (only its data services' credentials)`, async () => {
      const run = await stackRun(stack);
      for (const layer of specOf({ profile: stack }).layers) {
        const names = externalSecrets(objectsOfLayer(run, layer.name)).map((o) => o.metadata.name);
        assert.deepEqual(names.filter((n) => !CREDENTIAL_SECRETS.includes(n)), [], layer.name);
      }
    });
  }

  it("a secretEnv Secret is still the render's to reference, with the default remote key", () => {
    const { tree } = renderSpec(specOf({ profile: "dev", layers: [testLayer("app", { secretEnv: { TOKEN: { secret: "app-token", key: "token" } } })] }));
    const written = externalSecrets(treeObjects(tree)).filter((o) => o.metadata.namespace === "app");
    assert.deepEqual(
      written.map((o) => (o.spec as any).data),
      [[{ secretKey: "token", remoteRef: { key: "strata/test/app/app-token", property: "token" } }]],
    );
  });
});

describe("secrets config: every problem at its key path", () => {
  const ref = (key: string, property?: string) => ({ key, ...(property ? { property } : {}) });
  const layerWith = (secretEnv: Record<string, unknown>) => [testLayer("app", { secretEnv })];
  itRejectsEachCase([
    {
      title: "remoteRef without secrets.externalSecrets (nothing would read it)",
      config: { profile: "dev", layers: layerWith({ A: { secret: "s", key: "k", remoteRef: ref("vendor/a") } }) },
      issues: [issue("layers[0].secretEnv.A.remoteRef", /secrets\.externalSecrets: true/)],
    },
    {
      title: "two variables read one key from different remote refs",
      config: {
        profile: "dev",
        secrets: { externalSecrets: true },
        layers: layerWith({ A: { secret: "s", key: "k", remoteRef: ref("vendor/a", "p") }, B: { secret: "s", key: "k", remoteRef: ref("vendor/b", "p") } }),
      },
      issues: [issue("layers[0].secretEnv.B.remoteRef", /Secret "s" key "k" as A does/, /"vendor\/b"/, /A: key "vendor\/a"/)],
    },
    {
      title: "one variable names a remote ref, another reads the same key from the default",
      config: {
        profile: "dev",
        secrets: { externalSecrets: true },
        layers: layerWith({ A: { secret: "s", key: "k", remoteRef: ref("vendor/a") }, B: { secret: "s", key: "k" } }),
      },
      issues: [issue("layers[0].secretEnv.B", /from the default remote key/)],
    },
    {
      title: "the same key, same remote key, different properties",
      config: {
        profile: "dev",
        secrets: { externalSecrets: true },
        layers: layerWith({ A: { secret: "s", key: "k", remoteRef: ref("vendor/a", "x") }, B: { secret: "s", key: "k", remoteRef: ref("vendor/a") } }),
      },
      issues: [issue("layers[0].secretEnv.B.remoteRef", /property "x"/)],
    },
    {
      title: "a remote key that is no secrets-manager key, an empty property, an unknown field",
      config: {
        profile: "dev",
        secrets: { externalSecrets: true },
        layers: layerWith({
          A: { secret: "s", key: "a", remoteRef: { key: "vendor key" } },
          B: { secret: "s", key: "b", remoteRef: { key: "vendor/b", property: "" } },
          C: { secret: "s", key: "c", remoteRef: { key: "vendor/c", version: "1" } },
        }),
      },
      issues: [
        issue("layers[0].secretEnv.A.remoteRef.key", /secrets-manager key path/),
        issue("layers[0].secretEnv.B.remoteRef.property", /at least 1|too small|>=1/i),
        issue("layers[0].secretEnv.C.remoteRef.version", /unknown key|unrecognized/i),
      ],
    },
    {
      title: "secrets.externalSecrets not a boolean, an unknown secrets key",
      config: { profile: "dev", secrets: { externalSecrets: "yes", operator: true } },
      issues: [issue("secrets.externalSecrets", /boolean/), issue("secrets.operator", /unknown key|unrecognized/i)],
    },
  ]);
});
