import { list, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { awsTypes, isOfType } from "./types";

/**
 * Kubernetes Secrets are envelope-encrypted in etcd with a KMS key. Only the presence of the key is checked:
 * a new key's ARN is not known until it exists, so a preview cannot read it.
 */
export const awsEksSecretsEncryption: ResourceRule = {
  name: "aws-eks-secrets-encryption",
  family: "aws",
  summary: 'EKS encrypts Secrets with a KMS key (encryptionConfig resources ["secrets"] with provider.keyArn)',
  scope: "resource",
  checkSubject(subject) {
    if (!isOfType(subject, awsTypes.eksCluster)) return [];
    const config = record(subject.inputs.encryptionConfig);
    const hasKey = Object.keys(record(config.provider)).includes("keyArn");
    if (list(config.resources).includes("secrets") && hasKey) return [];
    // The key's ARN may well be unknown (a new key): that it is given is what counts, and is known.
    if (isUnknown(config) || isUnknown(config.provider) || list(config.resources).some(isUnknown)) return [undetermined("encryptionConfig")];
    return ['Secrets are not envelope-encrypted: set encryptionConfig { resources: ["secrets"], provider: { keyArn } } with a rotating KMS key'];
  },
};
