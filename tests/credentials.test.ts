import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { maskSecrets, type RecordedResource } from "../offline/recorder";
import type { SucceededRun } from "../offline/run";
import { renderStack } from "../render";
import { EXISTING, EXISTING_LAYERS } from "./cluster-support";
import { findObject, objectsOfLayer, stackSpec } from "./graph-support";
import { HELM_RELEASE_TYPE, kubernetesObjects, PROJECT_DIR, runValidConfig, SEED_STACKS, stackRun, STACKS, testLayer, unwrapSecrets } from "./harness";
import { issue, itRejectsEachCase } from "./invalid-config-support";
import { treeObjects } from "./render-support";
import { strata } from "./cli-support";
import { requireShared, SHARED_DIR } from "./shared-dir";

/**
 * Credentials (docs/credentials.md "Credentials"): the External Secrets Operator, the Secrets Manager store, and each data
 * service's credentials delivered into the namespace of every layer that declares it. The expectations are
 * written here from the upstream operators' naming (PGO's `<cluster>-pguser-<user>`, Strimzi's KafkaUser Secret
 * and `<cluster>-cluster-ca-cert`) and from the documented variable names, not read from Strata's code.
 */

const ESO_NAMESPACE = "external-secrets";
const CLUSTER = "strata";
const SERVICES = ["kafka", "postgres", "redis"] as const;
type Service = (typeof SERVICES)[number];

/** The documented variables of `env` delivery, per service (docs/credentials.md "Credentials"). */
const ENV_VARIABLES: Record<Service, string[]> = {
  postgres: ["POSTGRES_CREDENTIALS_DIR", "POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DATABASE", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_URL", "POSTGRES_CA_FILE"],
  redis: ["REDIS_CREDENTIALS_DIR", "REDIS_HOST", "REDIS_PORT", "REDIS_PASSWORD", "REDIS_URL"],
  kafka: [
    "KAFKA_CREDENTIALS_DIR",
    "KAFKA_BOOTSTRAP_SERVERS",
    "KAFKA_SECURITY_PROTOCOL",
    "KAFKA_SSL_CA_FILE",
    "KAFKA_SSL_CERT_FILE",
    "KAFKA_SSL_KEY_FILE",
    "KAFKA_SSL_KEYSTORE_FILE",
    "KAFKA_SSL_KEYSTORE_PASSWORD",
    "KAFKA_SSL_TRUSTSTORE_FILE",
    "KAFKA_SSL_TRUSTSTORE_PASSWORD",
  ],
};

/** The keys of each service's Secret (and the file names under its mount). */
const SECRET_KEYS: Record<Service, string[]> = {
  postgres: ["ca.crt", "database", "host", "password", "port", "uri", "user"],
  redis: ["host", "password", "port", "uri"],
  kafka: ["bootstrap-servers", "ca.crt", "ca.p12", "ca.password", "security-protocol", "user.crt", "user.key", "user.p12", "user.password"],
};

/** The Secrets of the data namespace a layer's credentials come from: the operators' own names. */
function expectedSources(service: Service, layer: string): string[] {
  if (service === "postgres") return [`${CLUSTER}-pguser-${layer}`, "strata-postgres-ca"].sort();
  if (service === "kafka") return [layer, `${CLUSTER}-cluster-ca-cert`].sort();
  return ["strata-redis-password"];
}

const byKind = (objects: KubernetesObject[], kind: string) => objects.filter((o) => o.kind === kind);
const container = (deployment: KubernetesObject) => (deployment as any).spec.template.spec.containers[0];
const podSpec = (deployment: KubernetesObject) => (deployment as any).spec.template.spec;
const declared = (layer: { dataServices: Partial<Record<Service, unknown>> }) => SERVICES.filter((s) => layer.dataServices[s] !== undefined);

function release(run: SucceededRun): RecordedResource | undefined {
  return run.resources.find((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === "external-secrets");
}

describe("credentials: the External Secrets Operator", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      let run: SucceededRun;
      let objects: KubernetesObject[];
      before(async () => {
        run = await stackRun(stack);
        objects = kubernetesObjects(run.resources);
      });

      it("chart external-secrets 2.9.0 from charts.external-secrets.io, with its CRDs, into its own namespace, after the namespace's objects and the system pool", () => {
        const r = release(run)!;
        assert.ok(r, "no External Secrets release");
        assert.deepEqual(
          [r.inputs.name, r.inputs.namespace, r.inputs.version, (r.inputs.repositoryOpts as any).repo, r.inputs.skipCrds, r.inputs.createNamespace],
          ["external-secrets", ESO_NAMESPACE, "2.9.0", "https://charts.external-secrets.io", false, false],
        );
        const deps = new Set(r.dependsOn);
        const namespaceObjects = run.resources.filter((x) => (x.inputs as any)?.metadata?.namespace === ESO_NAMESPACE || ((x.inputs as any)?.kind === "Namespace" && (x.inputs as any).metadata.name === ESO_NAMESPACE));
        for (const o of namespaceObjects.filter((x) => ["Namespace", "NetworkPolicy"].includes((x.inputs as any).kind))) assert.ok(deps.has(o.urn), `the release does not wait for ${o.urn}`);
        assert.ok(r.dependsOn.some((d) => d.includes("NodeGroup::") && d.includes("system")), "the release does not wait for the system pool");
      });

      it(`${stack === "prod" ? "2 replicas with a PDB" : "1 replica, no PDB"} for the controller, the webhook and the cert controller; leader election; restricted; on the system pool; no cluster-wide token minting`, () => {
        const values = unwrapSecrets(release(run)!.inputs.values) as any;
        const replicas = stack === "prod" ? 2 : 1;
        for (const workload of [values, values.webhook, values.certController]) {
          assert.equal(workload.replicaCount, replicas);
          assert.deepEqual(workload.podDisruptionBudget, { enabled: replicas > 1, minAvailable: 1 });
          // Every container non-root with RuntimeDefault: the restricted profile needs nothing at pod level.
          assert.deepEqual(
            workload.securityContext,
            { enabled: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } },
          );
          assert.ok(workload.resources.requests.cpu && workload.resources.limits.memory);
        }
        assert.equal(values.leaderElect, true);
        assert.deepEqual(values.rbac, { create: true, serviceAccountTokenCreate: false });
        assert.deepEqual(values.global.nodeSelector, { "strata.io/node-pool": "system" });
        assert.deepEqual([values.processClusterExternalSecret, values.processPushSecret, values.processClusterPushSecret, values.processClusterGenerator], [false, false, false, false]);
      });

      it("its namespace: restricted, default deny, DNS, HTTPS to the VPC only, and only the API server (the VPC) into the webhook on 10250", () => {
        const ns = findObject(objects, "Namespace", undefined, ESO_NAMESPACE) as any;
        assert.equal(ns.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
        assert.equal(ns.metadata.labels["istio-injection"], undefined, "the operator's namespace is not in the mesh");
        const policies = byKind(objects, "NetworkPolicy").filter((p) => p.metadata.namespace === ESO_NAMESPACE) as any[];
        assert.deepEqual(policies.map((p) => p.metadata.name).sort(), ["allow-dns-egress", "allow-egress-https", "allow-ingress-webhook-from-api-server", "default-deny-all"]);
        const vpc = stackSpec(stack).cluster.vpcCidr;
        const https = policies.find((p) => p.metadata.name === "allow-egress-https");
        assert.deepEqual(https.spec.egress, [{ to: [{ ipBlock: { cidr: vpc } }], ports: [{ protocol: "TCP", port: 443 }] }]);
        const webhook = policies.find((p) => p.metadata.name === "allow-ingress-webhook-from-api-server");
        assert.deepEqual(webhook.spec.podSelector, { matchLabels: { "app.kubernetes.io/name": "external-secrets-webhook", "app.kubernetes.io/instance": "external-secrets" } });
        assert.deepEqual(webhook.spec.ingress, [{ from: [{ ipBlock: { cidr: vpc } }], ports: [{ protocol: "TCP", port: 10250 }] }]);
      });

      it("the Secrets Manager ClusterSecretStore: the stack's region, the store's own account by IRSA, usable from the namespaces that read it only (redis: a render's generated password)", () => {
        const store = findObject(objects, "ClusterSecretStore", undefined, "strata") as any;
        assert.deepEqual(store.spec, {
          conditions: [{ namespaces: ["redis"] }],
          provider: { aws: { service: "SecretsManager", region: "eu-west-1", auth: { jwt: { serviceAccountRef: { name: "strata-secrets-manager", namespace: ESO_NAMESPACE } } } } },
        });
        const account = findObject(objects, "ServiceAccount", ESO_NAMESPACE, "strata-secrets-manager") as any;
        const role = run.resources.find((r) => r.type === "aws:iam/role:Role" && String(r.name).endsWith("secrets-manager"))!;
        assert.ok(role, "no IRSA role for the store");
        assert.match(account.metadata.annotations["eks.amazonaws.com/role-arn"], /^arn:aws:iam::123456789012:role\//);
        assert.equal(account.automountServiceAccountToken, false);
        const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
        const condition = trust.Statement[0].Condition.StringEquals;
        const sub = Object.entries(condition).find(([k]) => k.endsWith(":sub"))![1];
        assert.equal(sub, `system:serviceaccount:${ESO_NAMESPACE}:strata-secrets-manager`);
      });

      it("the store's role reads the stack's prefix only: GetSecretValue and DescribeSecret on strata/<stack>/*, KMS through Secrets Manager for those secrets only", () => {
        const policy = run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && String(r.name).endsWith("secrets-manager"))!;
        const document = JSON.parse(String(policy.inputs.policy));
        const arns = [`arn:aws:secretsmanager:eu-west-1:123456789012:secret:strata/${stack}/*`];
        assert.deepEqual(document.Statement, [
          { Sid: "ReadTheStacksSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: arns },
          {
            Sid: "DecryptThroughSecretsManager",
            Effect: "Allow",
            Action: ["kms:Decrypt"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" }, StringLike: { "kms:EncryptionContext:SecretARN": arns } },
          },
        ]);
      });

      it("the VPC has a Secrets Manager interface endpoint (the store's calls stay in the VPC the network policy names)", () => {
        const endpoints = run.resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").map((r) => r.inputs.serviceName);
        assert.ok(endpoints.includes("com.amazonaws.eu-west-1.secretsmanager"), JSON.stringify(endpoints));
      });
    });
  }

  it("the chart's values use only keys the chart knows (its values.yaml and values.schema.json, ../shared/chart-reference/external-secrets)", async function () {
    const dir = path.join(SHARED_DIR, "chart-reference", "external-secrets");
    requireShared(this, dir, "the chart's reference values checks");
    const reference = parse(fs.readFileSync(path.join(dir, "values.yaml"), "utf8"));
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "values.schema.json"), "utf8"));
    for (const stack of STACKS) {
      const values = unwrapSecrets(release(await stackRun(stack))!.inputs.values) as Record<string, unknown>;
      const unknown: string[] = [];
      // A key is known where the reference has it; below a key whose default is a map or list, anything goes (labels, resources).
      const walk = (given: unknown, known: unknown, at: string) => {
        if (!given || typeof given !== "object" || Array.isArray(given)) return;
        if (!known || typeof known !== "object" || Array.isArray(known) || Object.keys(known).length === 0) return;
        for (const [key, value] of Object.entries(given)) {
          if (!(key in (known as object))) unknown.push(`${at}${key}`);
          else walk(value, (known as Record<string, unknown>)[key], `${at}${key}.`);
        }
      };
      walk(values, reference, "");
      assert.deepEqual(unknown, [], `${stack}: keys the chart does not know`);
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      const validate = ajv.compile(schema);
      assert.ok(validate(values), `${stack}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it("off when nothing needs it: no layer uses a data service or reads Secrets — no release, no namespace, no output", async () => {
    const run = await runValidConfig({ profile: "dev", layers: [testLayer("a", { peers: ["b"] }), testLayer("b")] });
    assert.equal(release(run), undefined);
    assert.ok(!kubernetesObjects(run.resources).some((o) => o.metadata.namespace === ESO_NAMESPACE || (o.kind === "Namespace" && o.metadata.name === ESO_NAMESPACE)));
    assert.ok(!("credentials" in run.outputs));
  });

  it("a namespaced store the user names (gitops.secretStore.kind: SecretStore): the operator, but no ClusterSecretStore and no role of Strata's", async () => {
    const run = await runValidConfig({
      profile: "dev",
      secrets: { externalSecrets: true },
      gitops: { secretStore: { kind: "SecretStore", name: "vault" } },
      layers: [testLayer("a", { secretEnv: { TOKEN: { secret: "tokens", key: "t" } } })],
    });
    assert.ok(release(run));
    assert.deepEqual(byKind(kubernetesObjects(run.resources), "ClusterSecretStore"), []);
    assert.ok(!run.resources.some((r) => r.type === "aws:iam/role:Role" && String(r.name).endsWith("secrets-manager")));
    const es = findObject(objectsOfLayer(run, "a"), "ExternalSecret", "a", "tokens") as any;
    assert.deepEqual(es.spec.secretStoreRef, { kind: "SecretStore", name: "vault" });
  });

  it("seed 001 (ideation-engine): the store `aws-secrets-manager` in us-west-2 for l2-dialogue only; its role reads the prefix and exactly the two keys api-keys names", async () => {
    const run = await stackRun("ideation-engine");
    const store = findObject(kubernetesObjects(run.resources), "ClusterSecretStore", undefined, "aws-secrets-manager") as any;
    assert.deepEqual(store.spec.conditions, [{ namespaces: ["l2-dialogue"] }]);
    assert.equal(store.spec.provider.aws.region, "us-west-2");
    const policy = run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && String(r.name).endsWith("secrets-manager"))!;
    const resources = JSON.parse(String(policy.inputs.policy)).Statement[0].Resource;
    const arn = (name: string) => `arn:aws:secretsmanager:us-west-2:123456789012:secret:${name}`;
    assert.deepEqual(resources, [arn("strata/ideation-engine/*"), arn("ideation-engine/anthropic-??????"), arn("ideation-engine/openai-??????")]);
    const apiKeys = findObject(objectsOfLayer(run, "l2-dialogue"), "ExternalSecret", "l2-dialogue", "api-keys") as any;
    assert.deepEqual(apiKeys.spec.secretStoreRef, { kind: "ClusterSecretStore", name: "aws-secrets-manager" });
  });

  it("an existing cluster: the configured role and region, no AWS resource", async () => {
    const run = await runValidConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS });
    assert.deepEqual(run.resources.filter((r) => r.type.startsWith("aws:")).map((r) => r.urn), []);
    const objects = kubernetesObjects(run.resources);
    const account = findObject(objects, "ServiceAccount", ESO_NAMESPACE, "strata-secrets-manager") as any;
    assert.equal(account.metadata.annotations["eks.amazonaws.com/role-arn"], EXISTING_LAYERS.credentials.secretsManager.roleArn);
    assert.equal((findObject(objects, "ClusterSecretStore", undefined, "strata") as any).spec.provider.aws.region, EXISTING_LAYERS.credentials.secretsManager.region);
  });
});

describe("credentials delivered into each layer's own namespace", () => {
  for (const stack of [...STACKS, ...SEED_STACKS]) {
    describe(stack, () => {
      let run: SucceededRun;
      before(async () => {
        run = await stackRun(stack);
      });

      it("each layer that declares a data service has, in its own namespace, its `<service>-credentials` ExternalSecret, store and reader, and its container the Secret mounted and the variables; a layer without the declaration none of it", () => {
        const spec = stackSpec(stack);
        let delivered = 0;
        for (const layer of spec.layers) {
          const objects = objectsOfLayer(run, layer.name);
          const services = declared(layer);
          for (const o of objects) assert.equal(o.metadata.namespace ?? layer.name, layer.name, `${layer.name} registers ${o.kind} ${o.metadata.name} in another namespace`);
          const names = (kind: string) => byKind(objects, kind).map((o) => o.metadata.name).filter((n) => /-credentials(-reader)?$/.test(n)).sort();
          assert.deepEqual(names("ExternalSecret"), services.map((s) => `${s}-credentials`), layer.name);
          assert.deepEqual(names("SecretStore"), services.map((s) => `${s}-credentials`), layer.name);
          assert.deepEqual(names("ServiceAccount"), services.map((s) => `${s}-credentials-reader`), layer.name);
          const deployment = findObject(objects, "Deployment", layer.name, layer.name);
          const env = (container(deployment).env ?? []).map((e: any) => e.name);
          const mounts = container(deployment).volumeMounts.filter((m: any) => m.mountPath.startsWith("/var/run/secrets/strata/"));
          assert.deepEqual(mounts.map((m: any) => m.mountPath).sort(), services.map((s) => `/var/run/secrets/strata/${s}`), layer.name);
          for (const service of SERVICES) {
            const has = env.filter((n: string) => n.startsWith(`${service.toUpperCase()}_`));
            if (services.includes(service)) assert.deepEqual(has.sort(), [...ENV_VARIABLES[service]].sort(), `${layer.name} ${service}`);
            else assert.deepEqual(has, [], `${layer.name} gets ${service} variables without declaring it`);
          }
          delivered += services.length;
        }
        assert.ok(delivered > 0, "some layer of the stack uses a data service");
      });

      it("no store lets one namespace read another layer's credentials: each data-namespace Role lets exactly one layer's reader get exactly that layer's sources", () => {
        const objects = kubernetesObjects(run.resources);
        const spec = stackSpec(stack);
        const roles = byKind(objects, "Role") as any[];
        const bindings = byKind(objects, "RoleBinding") as any[];
        const layerNamespaces = new Set(spec.layers.map((l) => l.name));
        let checked = 0;
        for (const service of SERVICES) {
          for (const binding of bindings.filter((b) => b.metadata.namespace === service)) {
            const role = roles.find((r) => r.metadata.namespace === service && r.metadata.name === binding.roleRef.name);
            assert.ok(role, `${service}/${binding.metadata.name} binds no Role of the namespace`);
            for (const rule of role.rules) {
              assert.ok(rule.resourceNames?.length, `${service}/${role.metadata.name} grants ${rule.resources} without resourceNames`);
              if (rule.resources.includes("secrets")) assert.ok(rule.verbs.every((v: string) => ["get", "list", "watch", "patch"].includes(v)), JSON.stringify(rule));
            }
            for (const subject of binding.subjects) {
              if (!layerNamespaces.has(subject.namespace)) continue;
              // A layer's reader: exactly its own sources, read only.
              assert.equal(subject.name, `${service}-credentials-reader`);
              assert.deepEqual(role.rules, [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: expectedSources(service, subject.namespace) }], `${service}/${role.metadata.name}`);
              const layer = spec.layers.find((l) => l.name === subject.namespace)!;
              assert.ok(declared(layer).includes(service), `${subject.namespace} may read ${service} without declaring it`);
              checked++;
            }
          }
        }
        const expected = spec.layers.reduce((n, l) => n + declared(l).length, 0);
        assert.equal(checked, expected, "every (layer, service) pair has exactly one reader binding");
        // The stores: namespaced, reading the data namespace as the layer's own reader, which only the operator may mint tokens for.
        for (const layer of spec.layers) {
          const mine = objectsOfLayer(run, layer.name);
          for (const store of byKind(mine, "SecretStore") as any[]) {
            const service = store.metadata.name.replace(/-credentials$/, "") as Service;
            assert.deepEqual(store.spec.provider.kubernetes, {
              remoteNamespace: service,
              server: { url: "https://kubernetes.default.svc", caProvider: { type: "ConfigMap", name: "kube-root-ca.crt", key: "ca.crt" } },
              auth: { serviceAccount: { name: `${service}-credentials-reader` } },
            });
          }
          const token = roles.find((r) => r.metadata.namespace === layer.name && r.metadata.name === "external-secrets-token");
          if (!declared(layer).length) assert.equal(token, undefined);
          else assert.deepEqual(token.rules, [{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"], resourceNames: declared(layer).map((s) => `${s}-credentials-reader`).sort() }]);
        }
      });

      it("the render writes the layers' credential objects exactly as the program registers them", () => {
        const result = renderStack(PROJECT_DIR, stack);
        if (!result.ok) assert.fail(JSON.stringify(result.issues));
        const written = treeObjects(result.tree);
        for (const layer of stackSpec(stack).layers) {
          for (const o of objectsOfLayer(run, layer.name).filter((x) => ["ExternalSecret", "SecretStore"].includes(x.kind) && x.metadata.name.endsWith("-credentials"))) {
            const file = structuredClone(written.find((w) => w.kind === o.kind && w.metadata.namespace === o.metadata.namespace && w.metadata.name === o.metadata.name)) as KubernetesObject;
            // A layer with dependsOn carries its Argo CD sync wave in the render only (docs/configuration.md "Startup order").
            delete file.metadata.annotations?.["argocd.argoproj.io/sync-wave"];
            if (file.metadata.annotations && !Object.keys(file.metadata.annotations).length) delete file.metadata.annotations;
            assert.deepEqual(file, JSON.parse(JSON.stringify(o)), `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
          }
        }
      });
    });
  }

  describe("what the Secrets hold (dev)", () => {
    let run: SucceededRun;
    before(async () => {
      run = await stackRun("dev");
    });

    it("Postgres: pgBouncer's host and port, the database, user and password from PGO's user Secret, the CA from the CA-only copy, a verify-full URI built from them", () => {
      const es = findObject(objectsOfLayer(run, "l2-dialogue"), "ExternalSecret", "l2-dialogue", "postgres-credentials") as any;
      const user = "strata-pguser-l2-dialogue";
      assert.deepEqual(es.spec.data, [
        { secretKey: "host", remoteRef: { key: user, property: "pgbouncer-host" } },
        { secretKey: "port", remoteRef: { key: user, property: "pgbouncer-port" } },
        { secretKey: "database", remoteRef: { key: user, property: "dbname" } },
        { secretKey: "user", remoteRef: { key: user, property: "user" } },
        { secretKey: "password", remoteRef: { key: user, property: "password" } },
        { secretKey: "ca.crt", remoteRef: { key: "strata-postgres-ca", property: "ca.crt" } },
      ]);
      assert.deepEqual(es.spec.target.template.data, {
        uri: "postgresql://{{ .user }}:{{ .password }}@{{ .host }}:{{ .port }}/{{ .database }}?sslmode=verify-full&sslrootcert=/var/run/secrets/strata/postgres/ca.crt",
      });
      assert.equal(es.spec.target.template.mergePolicy, "Merge");
      assert.deepEqual([...new Set([...es.spec.data.map((d: any) => d.secretKey), ...Object.keys(es.spec.target.template.data)])].sort(), SECRET_KEYS.postgres);
      // PGO generates alphanumeric passwords, so the URI needs no escaping.
      const cluster = findObject(kubernetesObjects(run.resources), "PostgresCluster", "postgres", "strata") as any;
      for (const u of cluster.spec.users) assert.deepEqual(u.password, { type: "AlphaNumeric" });
    });

    it("Postgres's CA is published without the server's key: a store in the postgres namespace whose account may get strata-cluster-cert only, copying ca.crt alone", () => {
      const objects = kubernetesObjects(run.resources);
      const es = findObject(objects, "ExternalSecret", "postgres", "strata-postgres-ca") as any;
      assert.deepEqual(es.spec.data, [{ secretKey: "ca.crt", remoteRef: { key: "strata-cluster-cert", property: "ca.crt" } }]);
      const role = findObject(objects, "Role", "postgres", "strata-ca-publisher") as any;
      assert.deepEqual(role.rules, [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["strata-cluster-cert"] }]);
    });

    it("Redis: the password, the leaders' Service and a redis:// URI; Kafka: bootstrap servers, SSL, the client certificate of the layer's KafkaUser and the cluster CA", () => {
      const redis = findObject(objectsOfLayer(run, "l1-allocation"), "ExternalSecret", "l1-allocation", "redis-credentials") as any;
      assert.deepEqual(redis.spec.data, [{ secretKey: "password", remoteRef: { key: "strata-redis-password", property: "password" } }]);
      assert.deepEqual(redis.spec.target.template.data, { host: "strata-leader.redis.svc", port: "6379", uri: "redis://:{{ .password }}@strata-leader.redis.svc:6379" });
      const kafka = findObject(objectsOfLayer(run, "l1-allocation"), "ExternalSecret", "l1-allocation", "kafka-credentials") as any;
      assert.deepEqual(kafka.spec.target.template.data, { "bootstrap-servers": "strata-kafka-bootstrap.kafka.svc:9093", "security-protocol": "SSL" });
      assert.deepEqual(
        kafka.spec.data.map((d: any) => `${d.secretKey}<-${d.remoteRef.key}/${d.remoteRef.property}`),
        ["ca.crt", "ca.p12", "ca.password"].map((k) => `${k}<-strata-cluster-ca-cert/${k}`).concat(["user.crt", "user.key", "user.p12", "user.password"].map((k) => `${k}<-l1-allocation/${k}`)),
      );
    });

    it("env delivery: each variable from its key of the Secret, file paths as plain values; the Secret mounted read-only, 0440, by the whole volume (no subPath: updates reach the files)", () => {
      const deployment = findObject(objectsOfLayer(run, "l2-dialogue"), "Deployment", "l2-dialogue", "l2-dialogue");
      const env = new Map<string, any>(container(deployment).env.map((e: any) => [e.name, e]));
      assert.deepEqual(env.get("POSTGRES_URL"), { name: "POSTGRES_URL", valueFrom: { secretKeyRef: { name: "postgres-credentials", key: "uri" } } });
      assert.deepEqual(env.get("POSTGRES_PASSWORD"), { name: "POSTGRES_PASSWORD", valueFrom: { secretKeyRef: { name: "postgres-credentials", key: "password" } } });
      assert.deepEqual(env.get("POSTGRES_CA_FILE"), { name: "POSTGRES_CA_FILE", value: "/var/run/secrets/strata/postgres/ca.crt" });
      assert.deepEqual(env.get("REDIS_URL"), { name: "REDIS_URL", valueFrom: { secretKeyRef: { name: "redis-credentials", key: "uri" } } });
      assert.deepEqual(env.get("POSTGRES_CREDENTIALS_DIR"), { name: "POSTGRES_CREDENTIALS_DIR", value: "/var/run/secrets/strata/postgres" });
      for (const e of env.values()) if (e.valueFrom) assert.ok(SECRET_KEYS[e.name.split("_")[0].toLowerCase() as Service].includes(e.valueFrom.secretKeyRef.key), e.name);
      const volumes = podSpec(deployment).volumes.filter((v: any) => v.secret);
      assert.deepEqual(volumes, [
        { name: "postgres-credentials", secret: { secretName: "postgres-credentials", defaultMode: 0o440 } },
        { name: "redis-credentials", secret: { secretName: "redis-credentials", defaultMode: 0o440 } },
      ]);
      for (const m of container(deployment).volumeMounts.filter((x: any) => x.name.endsWith("-credentials"))) {
        assert.equal(m.readOnly, true);
        assert.equal(m.subPath, undefined);
      }
    });
  });

  describe("file delivery (credentials.layers.<layer>.delivery: file)", () => {
    let run: SucceededRun;
    before(async () => {
      run = await runValidConfig({
        profile: "dev",
        credentials: { layers: { b: { delivery: "file" } } },
        layers: [testLayer("a", { dataServices: { postgres: {} } }), testLayer("b", { dataServices: { postgres: {}, redis: {} } })],
      });
    });

    it("the file layer's container gets the mounts and only <SERVICE>_CREDENTIALS_DIR; the other layer keeps env", () => {
      const b = container(findObject(objectsOfLayer(run, "b"), "Deployment", "b", "b"));
      assert.deepEqual(b.env, [
        { name: "POSTGRES_CREDENTIALS_DIR", value: "/var/run/secrets/strata/postgres" },
        { name: "REDIS_CREDENTIALS_DIR", value: "/var/run/secrets/strata/redis" },
      ]);
      assert.deepEqual(b.volumeMounts.map((m: any) => m.mountPath).slice(1), ["/var/run/secrets/strata/postgres", "/var/run/secrets/strata/redis"]);
      const a = container(findObject(objectsOfLayer(run, "a"), "Deployment", "a", "a"));
      assert.deepEqual(a.env.map((e: any) => e.name).sort(), [...ENV_VARIABLES.postgres].sort());
      assert.deepEqual((run.outputs as any).credentials.layers.b.postgres.delivery, "file");
    });
  });

  describe("tenants: each copy reads its own user's credentials", () => {
    it("raa-single-tenant: customer-a-memory's Postgres reader may get strata-pguser-customer-a-memory only, its Redis reader the shared password", async () => {
      const objects = kubernetesObjects((await stackRun("raa-single-tenant")).resources);
      const role = findObject(objects, "Role", "postgres", "strata-credentials-customer-a-memory") as any;
      assert.deepEqual(role.rules[0].resourceNames, ["strata-pguser-customer-a-memory", "strata-postgres-ca"]);
      const redisRole = findObject(objects, "Role", "redis", "strata-credentials-customer-b-agent") as any;
      assert.deepEqual(redisRole.rules[0].resourceNames, ["strata-redis-password"]);
    });
  });
});

describe("rotation (seed 000: the database credentials weekly)", () => {
  let run: SucceededRun;
  let objects: KubernetesObject[];
  before(async () => {
    run = await stackRun("hal9");
    objects = kubernetesObjects(run.resources);
  });

  const layers = ["l1-reflexive", "l2-implementation", "l3-operational", "l4-tactical", "l5-strategic"];

  it("a CronJob on the seed's schedule (0 2 * * 0, UTC), never two runs at once, restricted, on the system pool", () => {
    const job = findObject(objects, "CronJob", ESO_NAMESPACE, "strata-postgres-password-rotation") as any;
    assert.deepEqual([job.spec.schedule, job.spec.timeZone, job.spec.concurrencyPolicy], ["0 2 * * 0", "Etc/UTC", "Forbid"]);
    const pod = job.spec.jobTemplate.spec.template.spec;
    assert.equal(pod.serviceAccountName, "strata-credential-rotation");
    assert.deepEqual(pod.nodeSelector, { "strata.io/node-pool": "system" });
    for (const c of [...pod.initContainers, ...pod.containers]) {
      assert.equal(c.image, "registry.k8s.io/kubectl:v1.34.1");
      assert.equal(c.securityContext.readOnlyRootFilesystem, true);
      assert.equal(c.securityContext.allowPrivilegeEscalation, false);
    }
  });

  it("its steps, in order: remove each user's password (PGO makes a new one), wait for the new ones, then per layer rewrite its Secret, wait for it, restart its Deployment (env delivery)", () => {
    const job = findObject(objects, "CronJob", ESO_NAMESPACE, "strata-postgres-password-rotation") as any;
    const pod = job.spec.jobTemplate.spec.template.spec;
    const steps = [...pod.initContainers, ...pod.containers].map((c: any) => [c.name, c.args.join(" ")]);
    const users = layers.map((l) => `strata-pguser-${l}`);
    assert.deepEqual(steps, [
      ["rotate", `patch secret --namespace=postgres ${users.join(" ")} --type=merge --patch={"data":{"password":null}}`],
      ["await-new-passwords", `wait --namespace=postgres --for=jsonpath={.data.password} --timeout=10m ${users.map((u) => `secret/${u}`).join(" ")}`],
      ...layers.flatMap((l) => [
        [`refresh-${l}`, `delete secret --namespace=${l} postgres-credentials`],
        [`await-${l}`, `wait --namespace=${l} --for=create --timeout=10m secret/postgres-credentials`],
        [`restart-${l}`, `rollout restart --namespace=${l} deployment/${l}`],
      ]),
    ]);
  });

  it("its rights: patch and watch exactly the users' Secrets in postgres; in each layer, delete and watch its postgres-credentials and restart its Deployment — nothing more", () => {
    const role = findObject(objects, "Role", "postgres", "strata-credential-rotation") as any;
    assert.deepEqual(role.rules, [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch", "patch"], resourceNames: layers.map((l) => `strata-pguser-${l}`).sort() }]);
    for (const l of layers) {
      const layerRole = findObject(objects, "Role", l, "strata-credential-rotation") as any;
      assert.deepEqual(layerRole.rules, [
        { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch", "delete"], resourceNames: ["postgres-credentials"] },
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "patch"], resourceNames: [l] },
      ]);
      const binding = findObject(objects, "RoleBinding", l, "strata-credential-rotation") as any;
      assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: "strata-credential-rotation", namespace: ESO_NAMESPACE }]);
    }
  });

  it("the layers' credential Secrets are owned by their ExternalSecrets (deleted, they are written again at once) and re-read on the configured interval", () => {
    for (const l of layers) {
      const es = findObject(objectsOfLayer(run, l), "ExternalSecret", l, "postgres-credentials") as any;
      assert.equal(es.spec.target.creationPolicy, "Owner");
      assert.equal(es.spec.refreshInterval, "15m");
    }
  });

  it("file delivery: no restart step and no right on the Deployment; no rotation configured: no job at all", async () => {
    const config = {
      profile: "dev",
      credentials: { rotation: { postgres: "@weekly" }, layers: { b: { delivery: "file" } }, refreshInterval: "5m" },
      layers: [testLayer("a", { dataServices: { postgres: {} } }), testLayer("b", { dataServices: { postgres: {} } })],
    };
    const withFile = kubernetesObjects((await runValidConfig(config)).resources);
    const job = findObject(withFile, "CronJob", ESO_NAMESPACE, "strata-postgres-password-rotation") as any;
    const names = [...job.spec.jobTemplate.spec.template.spec.initContainers, ...job.spec.jobTemplate.spec.template.spec.containers].map((c: any) => c.name);
    assert.deepEqual(names, ["rotate", "await-new-passwords", "refresh-a", "await-a", "restart-a", "refresh-b", "await-b"]);
    assert.deepEqual((findObject(withFile, "Role", "b", "strata-credential-rotation") as any).rules.map((r: any) => r.resources), [["secrets"]]);
    assert.equal((findObject(withFile, "ExternalSecret", "b", "postgres-credentials") as any).spec.refreshInterval, "5m");
    const without = kubernetesObjects((await runValidConfig({ ...config, credentials: {} })).resources);
    assert.deepEqual(without.filter((o) => o.kind === "CronJob" || o.metadata.name === "strata-credential-rotation"), []);
  });
});

describe("no credential value in plain text", () => {
  it("dev: no Secret in any layer's namespace; the one generated value (the Redis password) only as a Pulumi secret in inputs and outputs", async () => {
    const run = await stackRun("dev");
    const layers = new Set(stackSpec("dev").layers.map((l) => l.name));
    const objects = kubernetesObjects(run.resources);
    assert.deepEqual(objects.filter((o) => o.kind === "Secret" && layers.has(o.metadata.namespace ?? "")), []);
    const secret = objects.find((o) => o.kind === "Secret" && o.metadata.name === "strata-redis-password")! as any;
    const value = secret.stringData.password as string;
    assert.ok(value.length >= 32, "the run generated the password");
    const masked = JSON.stringify(maskSecrets(run.resources.map((r) => r.inputs)).value);
    assert.ok(!masked.includes(value), "a registered input holds the Redis password outside a Pulumi secret");
    assert.ok(!JSON.stringify(run.outputs).includes(value), "an output holds the Redis password in plain text");
    assert.ok(run.secretOutputs.includes("redis.password"));
    // The credential ExternalSecrets name sources and templates, never a value.
    for (const es of objects.filter((o) => o.kind === "ExternalSecret") as any[]) {
      for (const d of es.spec.data ?? []) assert.deepEqual(Object.keys(d.remoteRef).sort(), ["key", "property"]);
      for (const t of Object.values(es.spec.target.template?.data ?? {})) assert.ok(!String(t).includes(value));
    }
  });

  // In this process, as the built CLI runs it (tests/cli-wiring.test.ts runs the built CLI itself).
  it("strata check --json: the Redis Secret's value and the password output are \"[secret]\"", async () => {
    const r = await strata(["check", "--stack", "dev", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    const secret = report.resources.find((x: any) => x.inputs?.kind === "Secret" || (x.type === "kubernetes:core/v1:Secret" && x.name === "redis/strata-redis-password"));
    assert.ok(secret, "the Redis password Secret is in the report");
    assert.equal(secret.inputs.stringData, "[secret]");
    assert.equal(report.outputs.redis.password, "[secret]");
    assert.deepEqual(report.resources.filter((x: any) => x.type === "kubernetes:core/v1:Secret").map((x: any) => x.name), ["redis/strata-redis-password"]);
  });

  it("the render: no Secret object at all, every credential an ExternalSecret of references", () => {
    const result = renderStack(PROJECT_DIR, "dev");
    if (!result.ok) assert.fail(JSON.stringify(result.issues));
    const objects = treeObjects(result.tree);
    assert.deepEqual(objects.filter((o) => o.kind === "Secret"), []);
    for (const es of objects.filter((o) => o.kind === "ExternalSecret") as any[]) assert.ok(es.spec.data.every((d: any) => d.remoteRef && !("value" in d)));
  });
});

describe("stack outputs name the Secret in the application's own namespace and its keys", () => {
  it("dev: credentials.layers.<layer>.<service> for each layer and declared service", async () => {
    const run = await stackRun("dev");
    const outputs = (run.outputs as any).credentials;
    assert.equal(outputs.namespace, ESO_NAMESPACE);
    assert.deepEqual(outputs.layers["l2-dialogue"].postgres, {
      namespace: "l2-dialogue",
      secretName: "postgres-credentials",
      keys: SECRET_KEYS.postgres,
      mountPath: "/var/run/secrets/strata/postgres",
      delivery: "env",
      variables: ENV_VARIABLES.postgres,
    });
    for (const layer of stackSpec("dev").layers) {
      assert.deepEqual(Object.keys(outputs.layers[layer.name] ?? {}).sort(), declared(layer), layer.name);
      for (const [service, out] of Object.entries(outputs.layers[layer.name] ?? {}) as [Service, any][]) assert.deepEqual(out.keys, SECRET_KEYS[service]);
    }
    assert.deepEqual({ ...outputs.secretStore, roleArn: typeof outputs.secretStore.roleArn }, { kind: "ClusterSecretStore", name: "strata", roleArn: "string", namespaces: ["redis"] });
  });
});

describe("credentials config: every problem at its key path, nothing registered", () => {
  const uses = (services: Record<string, unknown>) => [testLayer("a", { dataServices: services })];
  itRejectsEachCase([
    {
      title: "prod with one replica of each External Secrets pod",
      config: { profile: "prod", credentials: { replicas: 1 }, layers: uses({ redis: {} }) },
      issues: [issue("credentials.replicas", /prod runs at least 2/)],
    },
    {
      title: "an unknown delivery mode, a duration that is none, an unknown key",
      config: { profile: "dev", credentials: { delivery: "envs", refreshInterval: "soon", rotate: {} }, layers: uses({ redis: {} }) },
      issues: [issue("credentials.delivery", /env|file/), issue("credentials.refreshInterval", /not a duration/), issue("credentials.rotate", /unknown key|unrecognized/i, /rotation/)],
    },
    {
      title: "a per-layer delivery for a layer that does not exist, and for one that uses no data service",
      config: { profile: "dev", credentials: { layers: { nope: { delivery: "file" }, b: { delivery: "file" } } }, layers: [...uses({ redis: {} }), testLayer("b")] },
      issues: [issue("credentials.layers.nope", /"nope" is not a layer; layers are: a, b/), issue("credentials.layers.b", /uses no data service/)],
    },
    {
      title: "rotation with a cron field out of range, and rotation of Redis (its operator cannot)",
      config: { profile: "dev", credentials: { rotation: { postgres: "61 * * * *", redis: "@weekly" } }, layers: uses({ postgres: {}, redis: {} }) },
      issues: [issue("credentials.rotation.postgres", /61/), issue("credentials.rotation.redis", /unknown key|unrecognized/i)],
    },
    {
      title: "Postgres rotation in a stack where no layer uses Postgres",
      config: { profile: "dev", credentials: { rotation: { postgres: "@weekly" } }, layers: uses({ redis: {} }) },
      issues: [issue("credentials.rotation.postgres", /no layer uses Postgres/)],
    },
    {
      title: "a store role in EKS mode (Strata makes it), a role that is no ARN, a region that is none",
      config: { profile: "dev", credentials: { secretsManager: { roleArn: "arn:aws:iam::123456789012:role/eso", region: "mars" } }, layers: uses({ redis: {} }) },
      issues: [issue("credentials.secretsManager.roleArn", /EKS mode Strata makes/), issue("credentials.secretsManager.region", /AWS region/)],
    },
    {
      title: "an existing cluster without the store's role or region",
      config: { profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS, credentials: {} },
      issues: [issue("credentials.secretsManager.roleArn", /existing cluster gets no AWS resources/, /strata-secrets-manager/), issue("credentials.secretsManager.region", /region is needed/)],
    },
    {
      title: "a layer's own variables taking the names of its credentials, and its secretEnv reading the credential Secret",
      config: {
        profile: "dev",
        layers: [
          testLayer("a", {
            dataServices: { postgres: {}, kafka: { read: [], write: [] } },
            env: { POSTGRES_URL: "postgresql://x", KAFKA_BOOTSTRAP_SERVERS: "x:9093", REDIS_URL: "fine: a does not use Redis" },
            secretEnv: { DB: { secret: "postgres-credentials", key: "password" } },
          }),
        ],
      },
      issues: [
        issue("layers[0].env.POSTGRES_URL", /set by Strata from postgres-credentials/),
        issue("layers[0].env.KAFKA_BOOTSTRAP_SERVERS", /set by Strata from kafka-credentials/),
        issue("layers[0].secretEnv.DB.secret", /the Secret Strata writes postgres's credentials to/),
      ],
    },
  ]);
});
