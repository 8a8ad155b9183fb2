import { layerLabels } from "../../platform/labels";
import type { DataServiceName } from "../../platform/data-services";

/** Names of the credentials capability's objects: the External Secrets Operator's and the delivered Secrets'. */

/** The operator's namespace (its controller, webhook and cert controller; the rotation job). */
export const EXTERNAL_SECRETS_NAMESPACE = "external-secrets";
/** The release, and every name the chart derives from it (`fullnameOverride`). */
export const EXTERNAL_SECRETS_RELEASE = "external-secrets";
/** The controller's service account: what the per-namespace token Roles bind. */
export const EXTERNAL_SECRETS_CONTROLLER_ACCOUNT = "external-secrets";
/** Labels of the webhook's pods as the chart sets them (`<name>-webhook`, the release). */
export const WEBHOOK_POD_LABELS = { "app.kubernetes.io/name": "external-secrets-webhook", "app.kubernetes.io/instance": EXTERNAL_SECRETS_RELEASE } as const;
/** The port the webhook serves the API server on (the chart's default). */
export const WEBHOOK_PORT = 10250;

/** Labels of every object of the capability. */
export const credentialsLabels = layerLabels("credentials");

/** The service account the Secrets Manager store authenticates as (IRSA: its role annotation). */
export const SECRETS_MANAGER_ACCOUNT = "strata-secrets-manager";
/** The IRSA role's name as `gitops.roleArns` knows it. */
export const SECRETS_MANAGER_ROLE = "external-secrets";

/** The Role (and RoleBinding) in a namespace that lets the controller mint tokens for that namespace's store accounts only. */
export const TOKEN_ROLE = "external-secrets-token";

/** The Secret a layer's pods read a data service's credentials from, in the layer's own namespace. */
export function credentialsSecretName(service: DataServiceName): string {
  return `${service}-credentials`;
}

/** The service account a layer's store for one data service reads as (no pod runs as it). */
export function readerAccountName(service: DataServiceName): string {
  return `${service}-credentials-reader`;
}

/** The Role (and RoleBinding) in a data namespace that lets one layer's reader get exactly its source Secrets. */
export function readerRoleName(layerNamespace: string): string {
  return `strata-credentials-${layerNamespace}`;
}

/** Where the credential Secret of a service is mounted in the layer's container (never by subPath: updates reach it). */
export function credentialsMountPath(service: DataServiceName): string {
  return `/var/run/secrets/strata/${service}`;
}

/** The volume of a service's credential Secret. */
export function credentialsVolumeName(service: DataServiceName): string {
  return `${service}-credentials`;
}

/** Postgres's CA, published without the server's key: PGO keeps the CA beside the server key in `<cluster>-cluster-cert`. */
export const POSTGRES_CA_SECRET = "strata-postgres-ca";
/** What publishes it: a store and account in the postgres namespace that may read `<cluster>-cluster-cert` only. */
export const POSTGRES_CA_PUBLISHER = "strata-ca-publisher";

/** The password-rotation job's account and name. */
export const ROTATION_ACCOUNT = "strata-credential-rotation";
export function rotationJobName(service: DataServiceName): string {
  return `strata-${service}-password-rotation`;
}
