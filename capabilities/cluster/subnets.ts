import { formatCidr, parseCidr, subnet } from "../../platform/cidr";

/**
 * How the VPC's address space is cut into subnets, per zone. Nodes and pods (the VPC CNI gives each pod a
 * VPC address) live in the private subnets, so those are large: each takes an eighth of the VPC (a /19 of
 * a /16). The public subnets hold only load balancers and NAT gateways: each takes a sixty-fourth (a /22),
 * all of them in the last eighth. Up to six zones fit; the seventh eighth stays free for later use.
 */
export interface SubnetLayout {
  /** One per zone, in zone order. */
  public: string[];
  private: string[];
}

/** The most zones the layout holds. */
export const MAX_ZONES = 6;

/**
 * The VPC sizes the layout supports: /16 (the largest VPC block AWS allows) to /22 (whose public subnets,
 * a sixty-fourth each, are /28: the smallest subnet AWS allows).
 */
export const VPC_PREFIX_RANGE = { min: 16, max: 22 } as const;

export function subnetLayout(vpcCidr: string, zones: number): SubnetLayout {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`not a CIDR block: ${vpcCidr}`);
  if (zones < 1 || zones > MAX_ZONES) throw new Error(`the subnet layout holds 1 to ${MAX_ZONES} zones, not ${zones}`);
  if (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max) throw new Error(`the subnet layout needs a /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} VPC, not ${vpcCidr}`);
  const eighth = vpc.prefix + 3;
  const publicBlock = subnet(vpc, eighth, 7);
  const indexes = Array.from({ length: zones }, (_, i) => i);
  return {
    private: indexes.map((i) => formatCidr(subnet(vpc, eighth, i))),
    public: indexes.map((i) => formatCidr(subnet(publicBlock, vpc.prefix + 6, i))),
  };
}

/** Subnet tags the AWS Load Balancer Controller (and the in-tree controller) use to find subnets. */
export const loadBalancerSubnetTags = {
  /** Internet-facing load balancers go into subnets with this tag. */
  public: { "kubernetes.io/role/elb": "1" },
  /** Internal load balancers go into subnets with this tag. */
  private: { "kubernetes.io/role/internal-elb": "1" },
} as const;

/** The VPC's Name tag: how the AWS Load Balancer Controller finds the VPC (its `vpcTags`) without its ID. */
export function vpcNameTag(clusterName: string): string {
  return `${clusterName}-vpc`;
}
