import type { PolicyDocument } from "../../manifests/aws-iam";

/**
 * What cert-manager may do in Route53 to answer ACME DNS-01 challenges (cert-manager's Route53 guide, scoped
 * down as it advises): follow its changes; list the records of the one hosted zone; and create, change or
 * delete there only TXT records named `_acme-challenge.*`. With the zone's ID in the issuer it never looks
 * zones up by name, so ListHostedZonesByName is not granted.
 */
export function certManagerRoute53Policy(partition: string, hostedZoneId: string): PolicyDocument {
  const zone = `arn:${partition}:route53:::hostedzone/${hostedZoneId}`;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "FollowChanges", Effect: "Allow", Action: "route53:GetChange", Resource: `arn:${partition}:route53:::change/*` },
      { Sid: "ListZoneRecords", Effect: "Allow", Action: "route53:ListResourceRecordSets", Resource: zone },
      {
        Sid: "AnswerChallenges",
        Effect: "Allow",
        Action: "route53:ChangeResourceRecordSets",
        Resource: zone,
        Condition: {
          "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
          "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["_acme-challenge.*"] },
        },
      },
    ],
  };
}
