import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { NatGatewayMode } from "../spec";
import { ENDPOINT_PORT, endpointDnsOptions, endpointServiceName, interfaceEndpointServices, type InterfaceEndpointService } from "../endpoints";
import { KARPENTER_DISCOVERY_TAG } from "../karpenter-nodes";
import { loadBalancerSubnetTags, subnetLayout, vpcNameTag } from "../subnets";

export interface NetworkArgs {
  /** Names the network's resources (their `Name` tags). */
  clusterName: string;
  vpcCidr: string;
  /** The zones, in order; the subnet layout gives zone i its i-th subnets. */
  availabilityZones: pulumi.Input<string>[];
  /** One NAT gateway for all zones, or one per zone (a zone's outage then takes only its own egress). */
  natGateways: NatGatewayMode;
  /** The region: names the AWS services' interface endpoints. */
  region: pulumi.Input<string>;
  /** The AWS services reached through interface endpoints; default: the platform's (STS, S3, EC2). */
  endpointServices?: readonly InterfaceEndpointService[];
  /** Tag the private subnets for Karpenter's discovery (its nodes go there). */
  karpenterDiscovery?: boolean;
  /** The AWS provider every resource is created with. */
  provider: pulumi.ProviderResource;
}

/**
 * The cluster's VPC: a public and a private subnet per zone (sized by ../subnets.ts), an
 * internet gateway for the public subnets, NAT gateways for the private ones' egress, a route table per
 * tier (private: per zone, to its NAT gateway), and the subnet tags load balancers are placed by. Nodes
 * live in the private subnets and get no public address. The VPC's default security group is emptied.
 * Interface endpoints (private DNS) in the private subnets serve the AWS APIs pods call (STS, S3, EC2), so
 * that traffic stays in the VPC and network policies can name the VPC instead of the internet.
 */
export class Network extends pulumi.ComponentResource {
  static readonly type = "strata:cluster:Network";

  readonly vpc: aws.ec2.Vpc;
  readonly vpcId: pulumi.Output<string>;
  /** One per zone, in zone order. */
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly natGateways: aws.ec2.NatGateway[];
  readonly endpoints: Partial<Record<InterfaceEndpointService, aws.ec2.VpcEndpoint>>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Network.type, name, {}, opts);
    const child = { parent: this, provider: args.provider };
    const zones = args.availabilityZones;
    const layout = subnetLayout(args.vpcCidr, zones.length);
    const tag = (suffix: pulumi.Input<string>) => ({ Name: pulumi.interpolate`${args.clusterName}-${suffix}` });
    const n = (suffix: string) => `${name}-${suffix}`;

    this.vpc = new aws.ec2.Vpc(n("vpc"), { cidrBlock: args.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: vpcNameTag(args.clusterName) } }, child);
    const vpcId = this.vpc.id;
    // No rule at all: nothing may use the default group by accident (CIS AWS 5.4).
    new aws.ec2.DefaultSecurityGroup(n("default"), { vpcId, tags: tag("default-deny-all") }, child);
    const gateway = new aws.ec2.InternetGateway(n("internet"), { vpcId, tags: tag("internet") }, child);

    // A subnet per zone in each tier, sized by the layout and tagged for the load balancers of that tier (the
    // private ones also for Karpenter's nodes, when it runs).
    const discovery = (tier: "public" | "private"): Record<string, string> => (tier === "private" && args.karpenterDiscovery ? { [KARPENTER_DISCOVERY_TAG]: args.clusterName } : {});
    const subnets = (tier: "public" | "private") =>
      zones.map(
        (zone, i) =>
          new aws.ec2.Subnet(
            n(`${tier}-${i}`),
            {
              vpcId,
              cidrBlock: layout[tier][i],
              availabilityZone: zone,
              mapPublicIpOnLaunch: false,
              tags: { ...tag(pulumi.interpolate`${tier}-${zone}`), ...loadBalancerSubnetTags[tier], ...discovery(tier) },
            },
            child,
          ),
      );
    const publicSubnets = subnets("public");
    const privateSubnets = subnets("private");

    const publicRoutes = new aws.ec2.RouteTable(n("public"), { vpcId, tags: tag("public") }, child);
    new aws.ec2.Route(n("public-internet"), { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: gateway.id }, child);
    publicSubnets.forEach((subnet, i) => new aws.ec2.RouteTableAssociation(n(`public-${i}`), { subnetId: subnet.id, routeTableId: publicRoutes.id }, child));

    const natZones = args.natGateways === "one-per-az" ? zones.map((_, i) => i) : [0];
    this.natGateways = natZones.map((i) => {
      const address = new aws.ec2.Eip(n(`nat-${i}`), { domain: "vpc", tags: tag(pulumi.interpolate`nat-${zones[i]}`) }, { ...child, dependsOn: [gateway] });
      return new aws.ec2.NatGateway(
        n(`nat-${i}`),
        { allocationId: address.id, subnetId: publicSubnets[i].id, connectivityType: "public", tags: tag(pulumi.interpolate`nat-${zones[i]}`) },
        { ...child, dependsOn: [gateway] },
      );
    });

    privateSubnets.forEach((subnet, i) => {
      const nat = this.natGateways[args.natGateways === "one-per-az" ? i : 0];
      const routes = new aws.ec2.RouteTable(n(`private-${i}`), { vpcId, tags: tag(pulumi.interpolate`private-${zones[i]}`) }, child);
      new aws.ec2.Route(n(`private-${i}-nat`), { routeTableId: routes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, child);
      new aws.ec2.RouteTableAssociation(n(`private-${i}`), { subnetId: subnet.id, routeTableId: routes.id }, child);
    });

    // HTTPS from the VPC only; the endpoints' network interfaces start no connection of their own.
    const endpointGroup = new aws.ec2.SecurityGroup(
      n("endpoints"),
      {
        vpcId,
        description: "AWS interface endpoints: HTTPS from the VPC",
        ingress: [{ protocol: "tcp", fromPort: ENDPOINT_PORT, toPort: ENDPOINT_PORT, cidrBlocks: [args.vpcCidr], description: "HTTPS from the VPC" }],
        egress: [],
        tags: tag("endpoints"),
      },
      child,
    );
    this.endpoints = Object.fromEntries(
      (args.endpointServices ?? interfaceEndpointServices).map((service) => [
        service,
        new aws.ec2.VpcEndpoint(
          n(`endpoint-${service}`),
          {
            vpcId,
            serviceName: pulumi.output(args.region).apply((region) => endpointServiceName(region, service)),
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            ...(endpointDnsOptions(service) ? { dnsOptions: endpointDnsOptions(service) } : {}),
            subnetIds: privateSubnets.map((s) => s.id),
            securityGroupIds: [endpointGroup.id],
            tags: tag(`endpoint-${service}`),
          },
          child,
        ),
      ]),
    ) as Partial<Record<InterfaceEndpointService, aws.ec2.VpcEndpoint>>;

    this.vpcId = vpcId;
    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.registerOutputs({ vpcId: this.vpcId, publicSubnetIds: this.publicSubnetIds, privateSubnetIds: this.privateSubnetIds });
  }
}
