import { HTTPS_PORT } from "../common/network-policy";

/**
 * The AWS APIs the platform's pods call, each reached through an interface VPC endpoint with private DNS:
 * the service's usual name then resolves to addresses in the VPC, so those calls never leave it and the
 * network policies can name the VPC's CIDR instead of every address (0.0.0.0/0). Nodes and add-ons on the
 * host network use the same endpoints.
 */
export const interfaceEndpointServices = [
  /** IRSA: every pod with a role exchanges its web identity token here (Velero, Thanos, pgBackRest). */
  "sts",
  /** Velero's backups, Thanos's blocks, pgBackRest's repositories. */
  "s3",
  /** Velero's EBS snapshots. */
  "ec2",
] as const;

export type InterfaceEndpointService = (typeof interfaceEndpointServices)[number];

/** The endpoint service's name in a region, e.g. `com.amazonaws.eu-west-1.sts`. */
export function endpointServiceName(region: string, service: InterfaceEndpointService): string {
  return `com.amazonaws.${region}.${service}`;
}

/** The endpoints accept HTTPS from the VPC and nothing else. */
export const ENDPOINT_PORT = HTTPS_PORT;
