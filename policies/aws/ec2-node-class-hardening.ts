import { isObject, list, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined, type RuleMessage } from "../engine/unknown";
import { apiGroupOf } from "../pod-security/pod-spec";

/**
 * The nodes Karpenter launches are hardened as the managed node groups' launch templates are: the instance
 * metadata service answers only IMDSv2 (session tokens), and every EBS volume is encrypted. Both are stated on
 * the EC2NodeClass, not left to Karpenter's defaults.
 */
export const awsEc2NodeClassHardening: ResourceRule = {
  name: "aws-ec2-node-class-hardening",
  family: "aws",
  summary: "every Karpenter EC2NodeClass requires IMDSv2 (metadataOptions.httpTokens: required) and lists its EBS volumes, each encrypted",
  scope: "resource",
  checkSubject(subject) {
    const object = subject.object;
    if (!object || subject.kind !== "EC2NodeClass" || apiGroupOf(object.apiVersion) !== "karpenter.k8s.aws") return [];
    const spec = record(object.spec);
    const messages: RuleMessage[] = [];
    const tokens = record(spec.metadataOptions).httpTokens;
    if (isUnknown(tokens)) messages.push(undetermined("spec.metadataOptions.httpTokens"));
    else if (tokens !== "required") {
      messages.push("does not require IMDSv2: set spec.metadataOptions.httpTokens to required (a pod or process could otherwise read the node role's credentials without a session token)");
    }
    if (isUnknown(spec.blockDeviceMappings)) return [...messages, undetermined("spec.blockDeviceMappings")];
    const mappings = list<Record<string, unknown>>(spec.blockDeviceMappings).filter(isObject);
    if (mappings.length === 0) messages.push("lists no blockDeviceMappings: state the nodes' volumes, encrypted (spec.blockDeviceMappings[].ebs.encrypted: true)");
    mappings.forEach((m, i) => {
      const encrypted = record(m.ebs).encrypted;
      if (isUnknown(encrypted)) messages.push(undetermined(`spec.blockDeviceMappings[${i}].ebs.encrypted`));
      else if (encrypted !== true) messages.push(`spec.blockDeviceMappings[${i}] (${String(m.deviceName ?? "?")}) is not encrypted: set ebs.encrypted to true`);
    });
    return messages;
  },
};
