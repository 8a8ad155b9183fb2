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
] as const;

export type InterfaceEndpointService = (typeof interfaceEndpointServices)[number];

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
