import type { PolicyDocument } from "../../manifests/aws-iam";

/**
 * What external-dns may do in Route53 (its AWS tutorial's policy, scoped down to the one zone as the
 * tutorial advises): list, tag-read and change the records of the gateway's hosted zone; list the account's
 * zones (Route53 offers no narrower resource for that call), which it does at start to find the zone the
 * `--zone-id-filter` names.
 */
export function externalDnsRoute53Policy(partition: string, hostedZoneId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ManageZoneRecords",
        Effect: "Allow",
        Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
        Resource: `arn:${partition}:route53:::hostedzone/${hostedZoneId}`,
      },
      { Sid: "FindZone", Effect: "Allow", Action: "route53:ListHostedZones", Resource: "*" },
    ],
  };
}
