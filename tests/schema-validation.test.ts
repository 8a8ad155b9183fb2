import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { CrdCatalog, NO_CRDS_GIVEN, SchemaValidator, validateObjects, type SchemaError } from "../validation";
import { compileRule } from "../validation/cel/environment";
import { CACHE_MODES, useCrdCache } from "./crd-cache-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/** A valid Deployment; tests break one thing at a time. */
function deployment(): any {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "d", namespace: "n", labels: { app: "d" } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "d" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: "d" } },
        spec: { containers: [{ name: "c", image: "example.com/c:1.0", resources: { limits: { memory: "128Mi" } } }] },
      },
    },
  };
}

/** A valid PGO v5 PostgresCluster (postgres-operator.crunchydata.com/v1beta1). */
function postgresCluster(): any {
  const claim = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } };
  return {
    apiVersion: "postgres-operator.crunchydata.com/v1beta1",
    kind: "PostgresCluster",
    metadata: { name: "pg", namespace: "postgres" },
    spec: {
      postgresVersion: 17,
      instances: [{ name: "main", replicas: 3, dataVolumeClaimSpec: claim }],
      backups: { pgbackrest: { repos: [{ name: "repo1", volume: { volumeClaimSpec: claim } }] } },
      config: { parameters: { shared_buffers: "256MB", max_connections: 200 } },
    },
  };
}

/** A valid Strimzi KafkaTopic (kafka.strimzi.io/v1). */
function kafkaTopic(): any {
  return {
    apiVersion: "kafka.strimzi.io/v1",
    kind: "KafkaTopic",
    metadata: { name: "raw-events", namespace: "kafka", labels: { "strimzi.io/cluster": "platform" } },
    spec: { partitions: 6, replicas: 3, config: { "compression.type": "lz4" } },
  };
}

function errorsOf(objects: unknown[], crds?: string[]): SchemaError[] {
  return validateObjects(objects as KubernetesObject[], { crds }).schemaErrors;
}

describe("schema validation: core kinds against the official OpenAPI schemas", () => {
  it("a valid Deployment has no errors", () => {
    assert.deepEqual(errorsOf([deployment()]), []);
  });

  it("an unknown field is an error, at any depth, with its path", () => {
    const d = deployment();
    d.spec.template.spec.containers[0].bogus = true;
    d.spec.template.spec.containers[0].securityContext = { runAsNonRoot: true, privilegd: true };
    d.metadata.lables = { a: "b" };
    assert.deepEqual(
      errorsOf([d]).map((e) => [e.kind, e.namespace, e.name, e.path, e.message]),
      [
        ["Deployment", "n", "d", "/metadata/lables", 'unknown field "lables"'],
        ["Deployment", "n", "d", "/spec/template/spec/containers/0/bogus", 'unknown field "bogus"'],
        ["Deployment", "n", "d", "/spec/template/spec/containers/0/securityContext/privilegd", 'unknown field "privilegd"'],
      ],
    );
  });

  it("maps (labels, resource limits) and int-or-string fields are not unknown fields", () => {
    const d = deployment();
    d.metadata.labels = { "any.key/you-like": "x", another: "y" };
    d.spec.template.spec.containers[0].resources = { limits: { memory: "1Gi", "nvidia.com/gpu": "1" }, requests: { cpu: "100m" } };
    assert.deepEqual(errorsOf([d]), []);
  });

  it("a missing required field and a wrong type are errors", () => {
    const d = deployment();
    delete d.spec.selector;
    d.spec.replicas = "3";
    const errors = errorsOf([d]);
    assert.deepEqual(
      errors.map((e) => [e.path, e.message]),
      [
        ["/spec/selector", "required field selector is missing"],
        ["/spec/replicas", "must be of type integer"],
      ],
    );
  });

  it("an unknown kind of a Kubernetes group is an error", () => {
    const errors = errorsOf([{ apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } }]);
    assert.match(errors[0].message, /has no kind Deploymnet/);
  });

  it("Kubernetes 1.34's resource.k8s.io/v1 (dynamic resource allocation) is a known group: a DeviceClass validates, a typo is an error", () => {
    const deviceClass = { apiVersion: "resource.k8s.io/v1", kind: "DeviceClass", metadata: { name: "gpu.example.com" }, spec: { selectors: [{ cel: { expression: "device.driver == 'gpu.example.com'" } }] } };
    assert.deepEqual(errorsOf([deviceClass]), []);
    const typo = { ...deviceClass, spec: { selectorz: [] } };
    assert.deepEqual(errorsOf([typo]).map((e) => [e.path, e.message]), [["/spec/selectorz", 'unknown field "selectorz"']]);
  });

  it("without CRDs, custom resources are listed as unvalidated, not passed silently", () => {
    const result = validateObjects([kafkaTopic()]);
    assert.deepEqual(result.schemaErrors, []);
    assert.deepEqual(result.unvalidated, [{ apiVersion: "kafka.strimzi.io/v1", kind: "KafkaTopic", namespace: "kafka", name: "raw-events", reason: NO_CRDS_GIVEN }]);
    assert.equal(result.validated, 0);
  });
});

// Twice: compiled from nothing, then loaded from the cache the first run wrote (the same verdicts).
for (const cache of CACHE_MODES) describe(`schema validation: custom resources against the upstream CRDs (../shared/crds), ${cache} cache`, () => {
  let validator: SchemaValidator;
  useCrdCache(cache);
  before(function () {
    requireSharedCrds(this);
    validator = new SchemaValidator({ crds: [SHARED_CRDS] });
  });
  const errors = (o: unknown) => validator.validate([o as KubernetesObject]).schemaErrors;

  it("valid custom resources (PGO PostgresCluster, Strimzi KafkaTopic) have no errors", () => {
    assert.deepEqual(errors(postgresCluster()), []);
    assert.deepEqual(errors(kafkaTopic()), []);
  });

  it("a wrong type in a CR is an error", () => {
    const topic = kafkaTopic();
    topic.spec.partitions = "six";
    assert.deepEqual(
      errors(topic).map((e) => [e.kind, e.path, e.message]),
      [["KafkaTopic", "/spec/partitions", "must be of type integer"]],
    );
  });

  it("an unknown field in a CR is an error (strict field validation), metadata included", () => {
    const topic = kafkaTopic();
    topic.spec.partitionz = 6;
    topic.metadata.annotation = { a: "b" };
    assert.deepEqual(
      errors(topic).map((e) => [e.path, e.message]),
      [
        ["/spec/partitionz", 'unknown field "partitionz"'],
        ["/metadata/annotation", 'unknown field "annotation"'],
      ],
    );
  });

  it("a missing required field in a CR is an error", () => {
    const pg = postgresCluster();
    delete pg.spec.instances[0].dataVolumeClaimSpec;
    assert.deepEqual(
      errors(pg).map((e) => [e.path, e.message]),
      [["/spec/instances/0/dataVolumeClaimSpec", "required field dataVolumeClaimSpec is missing"]],
    );
  });

  it("PGO's CEL rules on Postgres parameters are evaluated (port, TLS)", () => {
    const pg = postgresCluster();
    pg.spec.config.parameters.port = 5433;
    pg.spec.config.parameters.ssl_ciphers = "HIGH";
    const found = errors(pg);
    assert.deepEqual(
      found.map((e) => [e.path, e.message.replace(/ \(x-kubernetes-validations rule: .*\)$/, "")]),
      [
        ["/spec/config/parameters", "change port using .spec.port instead"],
        ["/spec/config/parameters", "TLS is always enabled"],
      ],
    );
    assert.match(found[0].message, /rule: !has\(self\.port\)/);
  });

  it("PGO's RE2 rule on user options (case-insensitive (?i:PASSWORD)) is evaluated as Kubernetes does", () => {
    const pg = postgresCluster();
    pg.spec.users = [{ name: "app", options: "CREATEDB" }];
    assert.deepEqual(errors(pg), []);
    pg.spec.users[0].options = "LOGIN password 'x'";
    assert.deepEqual(
      errors(pg).map((e) => [e.path, e.message.replace(/ \(x-kubernetes-validations rule: .*\)$/, "")]),
      [["/spec/users/0/options", "cannot assign password"]],
    );
  });

  it("Istio's rules use Kubernetes' CEL URL library (url(), getScheme())", () => {
    const auth = {
      apiVersion: "security.istio.io/v1",
      kind: "RequestAuthentication",
      metadata: { name: "jwt", namespace: "l0-ingestion" },
      spec: { jwtRules: [{ issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks.json" }] },
    };
    assert.deepEqual(errors(auth), []);
    auth.spec.jwtRules[0].jwksUri = "ftp://issuer.example.com/jwks.json";
    assert.deepEqual(
      errors(auth).map((e) => [e.path, e.message.replace(/ \(x-kubernetes-validations rule: .*\)$/, "")]),
      [["/spec/jwtRules/0/jwksUri", "url must have scheme http:// or https://"]],
    );
  });

  it("a Strimzi CEL rule is evaluated (KafkaUser: validityDays only with tls authentication)", () => {
    const user = {
      apiVersion: "kafka.strimzi.io/v1",
      kind: "KafkaUser",
      metadata: { name: "l0", namespace: "kafka", labels: { "strimzi.io/cluster": "platform" } },
      spec: { authentication: { type: "scram-sha-512" } },
    };
    assert.deepEqual(errors(user), []);
    (user.spec.authentication as Record<string, unknown>).validityDays = 30;
    assert.deepEqual(
      errors(user).map((e) => e.path),
      ["/spec/authentication"],
    );
  });

  it("an apiVersion the CRD does not serve, and a kind no CRD defines, are errors", () => {
    assert.match(errors({ ...kafkaTopic(), apiVersion: "kafka.strimzi.io/v1alpha9" })[0].message, /does not serve v1alpha9/);
    assert.match(errors({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })[0].message, /no CRD defines example\.com\/v1 Widget/);
  });

  it("an ExternalSecret is an unknown kind when the CRDs given hold none of its group (the operator is Strata's own: no exception); validated when they do", () => {
    const external = {
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: "s", namespace: "redis" },
      spec: { secretStoreRef: { kind: "ClusterSecretStore", name: "strata" }, target: { name: "s" }, data: [{ secretKey: "password", remoteRef: { key: "k", property: "password" } }] },
    };
    // CRDs that hold none of the group's: ../shared/crds without its external-secrets folder.
    const withoutGroup = fs.readdirSync(SHARED_CRDS).filter((d) => d !== "external-secrets" && fs.statSync(path.join(SHARED_CRDS, d)).isDirectory()).map((d) => path.join(SHARED_CRDS, d));
    const without = new SchemaValidator({ crds: withoutGroup }).validate([external as KubernetesObject]);
    assert.deepEqual(without.unvalidated, []);
    assert.deepEqual(
      without.schemaErrors.map((e) => [e.kind, e.path]),
      [["ExternalSecret", "/apiVersion"]],
    );
    assert.match(without.schemaErrors[0].message, /no CRD defines external-secrets\.io\/v1 ExternalSecret/);

    // The operator's own CRDs (../shared/crds/external-secrets): validated, and valid.
    const shared = validator.validate([external as KubernetesObject]);
    assert.deepEqual([shared.unvalidated, shared.validated, shared.schemaErrors], [[], 1, []]);

    // Given a CRD of the group (a minimal one made here, not the operator's), the object is validated against it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-crds-"));
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "externalsecrets.external-secrets.io" },
      spec: {
        group: "external-secrets.io",
        names: { kind: "ExternalSecret", plural: "externalsecrets", singular: "externalsecret", listKind: "ExternalSecretList" },
        scope: "Namespaced",
        versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { apiVersion: { type: "string" }, kind: { type: "string" }, metadata: { type: "object" }, spec: { type: "object", properties: { refreshInterval: { type: "string" } } } } } } }],
      },
    };
    fs.writeFileSync(path.join(dir, "externalsecrets.yaml"), stringify(crd));
    const given = new SchemaValidator({ crds: [...withoutGroup, dir] }).validate([external as KubernetesObject]);
    assert.deepEqual(given.unvalidated, []);
    assert.equal(given.validated, 1);
    assert.match(given.schemaErrors.map((e) => e.path).join(), /\/spec\/secretStoreRef/);
  });

  it("every x-kubernetes-validations rule of every CRD in use compiles (none is skipped as unsupported)", () => {
    const rules: string[] = [];
    const collect = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return node.forEach(collect);
      for (const [key, value] of Object.entries(node)) {
        if (key === "x-kubernetes-validations") rules.push(...(value as { rule: string }[]).map((r) => r.rule));
        else collect(value);
      }
    };
    for (const { crd } of new CrdCatalog([SHARED_CRDS]).all()) collect(crd.spec.versions);
    assert.ok(rules.length > 300, `only ${rules.length} rules found`);
    const failures = [...new Set(rules)].filter((rule) => {
      try {
        compileRule(rule);
        return false;
      } catch {
        return true;
      }
    });
    assert.deepEqual(failures, []);
  });

  it("where shared/crds holds two PGO releases, the one Strata deploys (v5.8.9) is used", () => {
    // PGO v6 adds version v1 of PostgresCluster; v5.8.9 serves only v1beta1.
    assert.match(errors({ ...postgresCluster(), apiVersion: "postgres-operator.crunchydata.com/v1" })[0].message, /serves v1beta1$/);
  });
});
