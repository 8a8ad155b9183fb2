import { IRSA_ROLE_ANNOTATION, type PolicyDocument } from "../../manifests/aws-iam";
import { EXTERNAL_SECRET_API_VERSION } from "../../manifests/external-secret";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { tokenRequestRbac } from "./layer-objects";
import { credentialsLabels, EXTERNAL_SECRETS_NAMESPACE, SECRETS_MANAGER_ACCOUNT } from "./names";

/**
 * The AWS Secrets Manager store: a ClusterSecretStore (named by `gitops.secretStore`) that the operator uses
 * with the IRSA role of its own service account (`strata-secrets-manager`, no pod runs as it), usable only
 * from the namespaces that read Secrets from the store (`conditions`). The role may read the stack's remote-key
 * prefix and the keys its layers name, and nothing else (`secretsManagerPolicy`).
 */

export const CLUSTER_SECRET_STORE_KIND = "ClusterSecretStore";

/** The service account the store authenticates as: its annotation names the role (`V`: a string, or a Pulumi output). */
export function secretsManagerAccount<V>(roleArn: V): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: SECRETS_MANAGER_ACCOUNT, namespace: EXTERNAL_SECRETS_NAMESPACE, labels: credentialsLabels, annotations: { [IRSA_ROLE_ANNOTATION]: roleArn as unknown as string } },
    automountServiceAccountToken: false,
  };
}

/** The ClusterSecretStore, usable from `namespaces` only. */
export function secretsManagerStore<V>(name: string, region: V, namespaces: string[]): KubernetesObject {
  return {
    apiVersion: EXTERNAL_SECRET_API_VERSION,
    kind: CLUSTER_SECRET_STORE_KIND,
    metadata: { name, labels: credentialsLabels },
    spec: {
      conditions: [{ namespaces: [...namespaces].sort() }],
      provider: {
        aws: {
          service: "SecretsManager",
          region,
          auth: { jwt: { serviceAccountRef: { name: SECRETS_MANAGER_ACCOUNT, namespace: EXTERNAL_SECRETS_NAMESPACE } } },
        },
      },
    },
  };
}

/** The store's account, the controller's right to mint its tokens, and the store (with its account's role ARN `V`). */
export function secretsManagerObjects<V>(storeName: string, region: V, namespaces: string[], roleArn: V): KubernetesObject[] {
  return [secretsManagerAccount(roleArn), ...tokenRequestRbac(EXTERNAL_SECRETS_NAMESPACE, credentialsLabels, [SECRETS_MANAGER_ACCOUNT]), secretsManagerStore(storeName, region, namespaces)];
}

/** The ARN of a Secrets Manager secret by name, suffix included: AWS appends `-` and six characters to every name. */
function secretArns(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}-??????`;
}

/**
 * What the store's role may do: read (GetSecretValue, DescribeSecret) the secrets under the stack's prefix
 * (`<prefix>/…`) and the secrets its layers' `remoteRef`s name, and decrypt them with their KMS key through
 * Secrets Manager only, for those secrets only (Secrets Manager's encryption context is the secret's ARN).
 * Nothing else: no listing, no writing.
 */
export function secretsManagerPolicy(partition: string, region: string, account: string, prefix: string, keys: string[]): PolicyDocument {
  const resources = [`arn:${partition}:secretsmanager:${region}:${account}:secret:${prefix}/*`, ...[...new Set(keys)].sort().map((k) => secretArns(partition, region, account, k))];
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ReadTheStacksSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: resources },
      {
        Sid: "DecryptThroughSecretsManager",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` }, StringLike: { "kms:EncryptionContext:SecretARN": resources } },
      },
    ],
  };
}
