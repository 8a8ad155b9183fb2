import type { ResourceRule } from "../engine/rule";
import type { ObjectSubject } from "../engine/stack";
import { undetermined } from "../engine/unknown";
import { albAnnotation, albAnnotationUnknown, isInternetFacingAlb, undecidedAlbField } from "./public-edge";

/**
 * An internet-facing ALB is associated with a WAFv2 Web ACL: the AWS Load Balancer Controller associates the
 * one its Ingress names (alb.ingress.kubernetes.io/wafv2-acl-arn), and keeps it associated when it replaces
 * the ALB.
 */
export const networkPublicAlbWaf: ResourceRule = {
  name: "network-public-alb-waf",
  family: "network",
  summary: "an internet-facing ALB Ingress is associated with a WAFv2 Web ACL (alb.ingress.kubernetes.io/wafv2-acl-arn); advisory in dev",
  scope: "resource",
  checkSubject(subject) {
    if (!subject.object) return [];
    const undecided = undecidedAlbField(subject as ObjectSubject);
    if (undecided) return [undetermined(undecided, "whether it is an internet-facing ALB could not be judged in this preview")];
    if (!isInternetFacingAlb(subject as ObjectSubject)) return [];
    // The Web ACL is created in the same update: its ARN is unknown in a preview, which judges nothing about it.
    if (albAnnotationUnknown(subject as ObjectSubject, "wafv2AclArn")) return [undetermined("alb.ingress.kubernetes.io/wafv2-acl-arn")];
    const arn = albAnnotation(subject as ObjectSubject, "wafv2AclArn");
    if (arn === undefined) return ["is an internet-facing ALB without a WAFv2 Web ACL: name one in alb.ingress.kubernetes.io/wafv2-acl-arn"];
    if (!/^arn:aws[a-z-]*:wafv2:[^:]+:\d{12}:regional\/webacl\//.test(arn)) return [`names "${arn}" as its Web ACL, which is not a regional WAFv2 Web ACL ARN`];
    return [];
  },
};
