import { HTTPS_PORT } from "../../manifests/network-policy";

/**
 * The AWS APIs the platform's pods call, each reached through an interface VPC endpoint with private DNS:
 * the service's usual name then resolves to addresses in the VPC, so those calls never leave it and the
 * network policies can name the VPC's CIDR instead of every address (0.0.0.0/0). Nodes and add-ons on the
 * host network use the same endpoints.
 */
export const interfaceEndpointServices = [
  /** IRSA: pods with a role exchange their web identity token at the regional endpoint (Velero, Thanos; pgBackRest calls the global one). */
  "sts",
  /** Velero's backups, Thanos's blocks, pgBackRest's repositories. */
  "s3",
  /** Velero's EBS snapshots. */
  "ec2",
  /** The External Secrets Operator's Secrets Manager store (capabilities/credentials). */
  "secretsmanager",
] as const;

/**
 * What Karpenter's controller calls besides STS and EC2, each through its own endpoint when Karpenter runs
 * (`settings.isolatedVPC`: it then calls nothing without one, and takes on-demand prices from its own list
 * rather than the Pricing API, which has no endpoint in most regions).
 */
export const karpenterEndpointServices = [
  /** The cluster's service CIDR and endpoint (DescribeCluster), for the nodes' launch templates. */
  "eks",
  /** The interruption queue. */
  "sqs",
  /** The AMI alias's image IDs (SSM public parameters). */
  "ssm",
] as const;

export type InterfaceEndpointService = (typeof interfaceEndpointServices)[number] | (typeof karpenterEndpointServices)[number];

/** The VPC's interface endpoints: the platform's, and Karpenter's when it runs. */
export function endpointServicesFor(autoscaling: "karpenter" | "none"): InterfaceEndpointService[] {
  return [...interfaceEndpointServices, ...(autoscaling === "karpenter" ? karpenterEndpointServices : [])];
}

/**
 * Each endpoint's DNS options. S3 offers gateway and interface endpoints; with private DNS on its interface
 * endpoint AWS would default to resolving privately only for inbound resolver endpoints, which requires a gateway
 * endpoint too (the VPC has none: its traffic would go to S3's public addresses, outside the VPC's CIDR).
 */
export function endpointDnsOptions(service: InterfaceEndpointService): { privateDnsOnlyForInboundResolverEndpoint: boolean } | undefined {
  return service === "s3" ? { privateDnsOnlyForInboundResolverEndpoint: false } : undefined;
}

/** The endpoint service's name in a region, e.g. `com.amazonaws.eu-west-1.sts`. */
export function endpointServiceName(region: string, service: InterfaceEndpointService): string {
  return `com.amazonaws.${region}.${service}`;
}

/** The endpoints accept HTTPS from the VPC and nothing else. */
export const ENDPOINT_PORT = HTTPS_PORT;
