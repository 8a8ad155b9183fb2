import { dataServiceEndpoints, type DataServiceName } from "../../platform/data-services";
import { bootstrapServers, clusterCaSecretName, kafkaUserName } from "../kafka";
import { POSTGRES_CLUSTER, userSecretName } from "../postgres";
import { PASSWORD_SECRET, redisHost, REDIS_PORT } from "../redis";
import { credentialsMountPath, POSTGRES_CA_SECRET } from "./names";

/**
 * Where each data service keeps a layer's credentials (Secrets its operator, or Strata, writes in the data
 * namespace) and what the layer's own Secret is made of: one entry per key copied from a source Secret, and
 * the keys a template adds (the URI). One naming scheme for every service: the Secret's keys are the file
 * names under `/var/run/secrets/strata/<service>/`, the variables are `<SERVICE>_<FIELD>`.
 */

/** One key of the layer's Secret copied from a Secret of the data namespace (`property`: its key there). */
export interface CopiedKey {
  secretKey: string;
  secret: string;
  property: string;
}

/** An environment variable a service's delivery sets: from a key of the layer's Secret, or a file's path. */
export type CredentialVariable = { name: string; key: string } | { name: string; file: string };

export interface CredentialSource {
  service: DataServiceName;
  /** The data namespace the source Secrets are in. */
  namespace: string;
  /** Keys copied from the data namespace, in the order the Secret lists them. */
  copied: CopiedKey[];
  /** Keys built by the ExternalSecret's template from the copied ones (and constants), merged over them. */
  templated: Record<string, string>;
  /** Variables in `env` delivery (besides `<SERVICE>_CREDENTIALS_DIR`, which every delivery sets). */
  variables: CredentialVariable[];
}

/** The Secrets of the data namespace a layer's reader may get: exactly those its keys come from. */
export function sourceSecrets(source: CredentialSource): string[] {
  return [...new Set(source.copied.map((c) => c.secret))].sort();
}

/** Every key of the layer's Secret, sorted. */
export function credentialKeys(source: CredentialSource): string[] {
  return [...new Set([...source.copied.map((c) => c.secretKey), ...Object.keys(source.templated)])].sort();
}

/** The variable naming every service's credentials directory. */
export function credentialsDirVariable(service: DataServiceName): string {
  return `${service.toUpperCase()}_CREDENTIALS_DIR`;
}

/**
 * Postgres: the layer's user, through pgBouncer (the address applications should use), from PGO's
 * `<cluster>-pguser-<layer>` Secret; the CA from the CA-only Secret Strata publishes (`strata-postgres-ca`),
 * since PGO keeps the CA beside the server's private key. The URI verifies the server (`verify-full`)
 * against the mounted CA. PGO's passwords are alphanumeric (the PostgresCluster asks for it), so the URI
 * needs no escaping.
 */
function postgresSource(layer: string): CredentialSource {
  const user = userSecretName(layer);
  const dir = credentialsMountPath("postgres");
  return {
    service: "postgres",
    namespace: dataServiceEndpoints.postgres.namespace,
    copied: [
      { secretKey: "host", secret: user, property: "pgbouncer-host" },
      { secretKey: "port", secret: user, property: "pgbouncer-port" },
      { secretKey: "database", secret: user, property: "dbname" },
      { secretKey: "user", secret: user, property: "user" },
      { secretKey: "password", secret: user, property: "password" },
      { secretKey: "ca.crt", secret: POSTGRES_CA_SECRET, property: "ca.crt" },
    ],
    templated: {
      uri: `postgresql://{{ .user }}:{{ .password }}@{{ .host }}:{{ .port }}/{{ .database }}?sslmode=verify-full&sslrootcert=${dir}/ca.crt`,
    },
    variables: [
      { name: "POSTGRES_HOST", key: "host" },
      { name: "POSTGRES_PORT", key: "port" },
      { name: "POSTGRES_DATABASE", key: "database" },
      { name: "POSTGRES_USER", key: "user" },
      { name: "POSTGRES_PASSWORD", key: "password" },
      { name: "POSTGRES_URL", key: "uri" },
      { name: "POSTGRES_CA_FILE", file: `${dir}/ca.crt` },
    ],
  };
}

/** Redis: the one password of the Redis Cluster (the operator has no per-client users), the leaders' Service. */
function redisSource(): CredentialSource {
  return {
    service: "redis",
    namespace: dataServiceEndpoints.redis.namespace,
    copied: [{ secretKey: "password", secret: PASSWORD_SECRET.name, property: PASSWORD_SECRET.key }],
    templated: {
      host: redisHost(),
      port: String(REDIS_PORT),
      uri: `redis://:{{ .password }}@${redisHost()}:${REDIS_PORT}`,
    },
    variables: [
      { name: "REDIS_HOST", key: "host" },
      { name: "REDIS_PORT", key: "port" },
      { name: "REDIS_PASSWORD", key: "password" },
      { name: "REDIS_URL", key: "uri" },
    ],
  };
}

/**
 * Kafka: the layer's KafkaUser authenticates with a TLS client certificate (the listener is mTLS): its
 * certificate, key and PKCS #12 keystore from the User Operator's `<layer>` Secret; the cluster CA (PEM and
 * truststore) from `<cluster>-cluster-ca-cert`, which holds no private key.
 */
function kafkaSource(layer: string): CredentialSource {
  const user = kafkaUserName(layer);
  const ca = clusterCaSecretName();
  const dir = credentialsMountPath("kafka");
  return {
    service: "kafka",
    namespace: dataServiceEndpoints.kafka.namespace,
    copied: [
      { secretKey: "ca.crt", secret: ca, property: "ca.crt" },
      { secretKey: "ca.p12", secret: ca, property: "ca.p12" },
      { secretKey: "ca.password", secret: ca, property: "ca.password" },
      { secretKey: "user.crt", secret: user, property: "user.crt" },
      { secretKey: "user.key", secret: user, property: "user.key" },
      { secretKey: "user.p12", secret: user, property: "user.p12" },
      { secretKey: "user.password", secret: user, property: "user.password" },
    ],
    templated: { "bootstrap-servers": bootstrapServers(), "security-protocol": "SSL" },
    variables: [
      { name: "KAFKA_BOOTSTRAP_SERVERS", key: "bootstrap-servers" },
      { name: "KAFKA_SECURITY_PROTOCOL", key: "security-protocol" },
      { name: "KAFKA_SSL_CA_FILE", file: `${dir}/ca.crt` },
      { name: "KAFKA_SSL_CERT_FILE", file: `${dir}/user.crt` },
      { name: "KAFKA_SSL_KEY_FILE", file: `${dir}/user.key` },
      { name: "KAFKA_SSL_KEYSTORE_FILE", file: `${dir}/user.p12` },
      { name: "KAFKA_SSL_KEYSTORE_PASSWORD", key: "user.password" },
      { name: "KAFKA_SSL_TRUSTSTORE_FILE", file: `${dir}/ca.p12` },
      { name: "KAFKA_SSL_TRUSTSTORE_PASSWORD", key: "ca.password" },
    ],
  };
}

/** The credential source of `service` for the (deployed) layer named `layer`. */
export function credentialSource(service: DataServiceName, layer: string): CredentialSource {
  if (service === "postgres") return postgresSource(layer);
  if (service === "redis") return redisSource();
  return kafkaSource(layer);
}

/** PGO's Secret holding the cluster's CA beside the server certificate and its key: the CA publisher's only source. */
export function postgresClusterCertSecret(): string {
  return `${POSTGRES_CLUSTER}-cluster-cert`;
}

/** Every variable name a delivery of `service` may set, for the checks (a layer's own variable must not take one). */
export function credentialVariableNames(service: DataServiceName): string[] {
  // The names do not depend on the layer.
  return [credentialsDirVariable(service), ...credentialSource(service, "layer").variables.map((v) => v.name)];
}
