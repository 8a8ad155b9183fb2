import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { awsTypes, isOfType } from "./types";

/** Only symmetric encryption keys can rotate automatically (asymmetric and HMAC keys cannot). */
const ROTATABLE_SPEC = "SYMMETRIC_DEFAULT";

export const awsKmsRotation: ResourceRule = {
  name: "aws-kms-rotation",
  family: "aws",
  summary: "every symmetric KMS key rotates automatically (enableKeyRotation true)",
  scope: "resource",
  checkSubject(subject) {
    if (!isOfType(subject, awsTypes.kmsKey)) return [];
    const spec = subject.inputs.customerMasterKeySpec ?? ROTATABLE_SPEC;
    if (isUnknown(spec)) return [undetermined("customerMasterKeySpec")];
    if (spec !== ROTATABLE_SPEC || subject.inputs.enableKeyRotation === true) return [];
    if (isUnknown(subject.inputs.enableKeyRotation)) return [undetermined("enableKeyRotation")];
    return ["key rotation is off: set enableKeyRotation to true"];
  },
};
