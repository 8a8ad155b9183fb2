import { strict as assert } from "node:assert";
import { interfaceEndpointServices, karpenterEndpointServices } from "../capabilities/cluster/endpoints";
import { subnetLayout } from "../capabilities/cluster/subnets";
import { contains, overlaps, parseCidr } from "../platform/cidr";
import type { SucceededRun } from "../offline/run";
import { assertOk, findBy, idOf, inputs, ofType, REGION, T } from "./cluster-support";
import { stackSpec } from "./graph-support";
import { runWithConfig, stackRun, STACKS } from "./harness";

/** Subnets by tier, in zone order (by their logical name's index). */
function subnets(run: SucceededRun, tier: "public" | "private") {
  return ofType(run, T.subnet)
    .filter((s) => /-(public|private)-\d+$/.exec(s.name)?.[1] === tier)
    .sort((a, b) => Number(a.name.split("-").pop()) - Number(b.name.split("-").pop()));
}

/** The route table associated with a subnet, and its default route. */
function defaultRouteOf(run: SucceededRun, subnetId: string) {
  const association = findBy(run, T.association, "subnetId", subnetId);
  const table = inputs(association).routeTableId;
  const routes = ofType(run, T.route).filter((r) => inputs(r).routeTableId === table && inputs(r).destinationCidrBlock === "0.0.0.0/0");
  assert.equal(routes.length, 1, `route table ${table} has ${routes.length} default routes`);
  return inputs(routes[0]);
}

describe("cluster network", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: one VPC over the configured CIDR, DNS on, its default security group without rules`, async () => {
        const run = await stackRun(stack);
        const [vpc, ...more] = ofType(run, T.vpc);
        assert.equal(more.length, 0);
        const spec = stackSpec(stack).cluster;
        assert.equal(spec.mode, "eks");
        assert.equal(inputs(vpc).cidrBlock, spec.mode === "eks" && spec.vpcCidr);
        assert.equal(inputs(vpc).enableDnsHostnames, true);
        assert.equal(inputs(vpc).enableDnsSupport, true);
        const [sg] = ofType(run, T.defaultSg);
        assert.equal(inputs(sg).vpcId, idOf(vpc));
        assert.equal(inputs(sg).ingress, undefined);
        assert.equal(inputs(sg).egress, undefined);
      });

      it(`${stack}: a public and a private subnet in each of 3 zones of the region, inside the VPC, none overlapping`, async () => {
        const run = await stackRun(stack);
        const vpc = ofType(run, T.vpc)[0];
        const pub = subnets(run, "public");
        const priv = subnets(run, "private");
        assert.equal(pub.length, 3);
        assert.equal(priv.length, 3);
        assert.equal(ofType(run, T.subnet).length, 6);
        const zones = pub.map((s) => inputs(s).availabilityZone);
        assert.deepEqual(zones, [`${REGION}a`, `${REGION}b`, `${REGION}c`], "the region's first three available zones");
        assert.deepEqual(priv.map((s) => inputs(s).availabilityZone), zones);
        const vpcCidr = parseCidr(inputs(vpc).cidrBlock)!;
        const blocks = [...pub, ...priv].map((s) => parseCidr(inputs(s).cidrBlock)!);
        for (const [i, block] of blocks.entries()) {
          assert.ok(contains(vpcCidr, block), `${inputs([...pub, ...priv][i]).cidrBlock} is outside the VPC`);
          for (const other of blocks.slice(i + 1)) assert.ok(!overlaps(block, other), "subnets overlap");
        }
        for (const s of [...pub, ...priv]) {
          assert.equal(inputs(s).vpcId, idOf(vpc));
          assert.equal(inputs(s).mapPublicIpOnLaunch, false, `${s.name} gives instances public addresses`);
        }
        // Pods take their addresses from the private subnets: those are the large ones.
        for (const [i, s] of priv.entries()) assert.ok(parseCidr(inputs(s).cidrBlock)!.prefix < parseCidr(inputs(pub[i]).cidrBlock)!.prefix);
      });

      it(`${stack}: public subnets carry the elb role tag, private ones the internal-elb tag (and not the other)`, async () => {
        const run = await stackRun(stack);
        for (const s of subnets(run, "public")) {
          assert.equal(inputs(s).tags["kubernetes.io/role/elb"], "1", s.name);
          assert.equal(inputs(s).tags["kubernetes.io/role/internal-elb"], undefined, s.name);
        }
        for (const s of subnets(run, "private")) {
          assert.equal(inputs(s).tags["kubernetes.io/role/internal-elb"], "1", s.name);
          assert.equal(inputs(s).tags["kubernetes.io/role/elb"], undefined, s.name);
        }
      });

      it(`${stack}: public subnets route to the internet gateway; each private subnet to a NAT gateway (${stack === "prod" ? "its own zone's" : "the single one"})`, async () => {
        const run = await stackRun(stack);
        const [igw, ...moreIgw] = ofType(run, T.igw);
        assert.equal(moreIgw.length, 0);
        const pub = subnets(run, "public");
        const priv = subnets(run, "private");
        for (const s of pub) assert.deepEqual(Object.keys(defaultRouteOf(run, idOf(s))).filter((k) => /Id$/.test(k)).sort(), ["gatewayId", "routeTableId"]);
        for (const s of pub) assert.equal(defaultRouteOf(run, idOf(s)).gatewayId, idOf(igw));

        const nats = ofType(run, T.nat);
        const eips = ofType(run, T.eip);
        assert.equal(nats.length, stack === "prod" ? 3 : 1, "NAT gateways");
        assert.equal(eips.length, nats.length, "one Elastic IP per NAT gateway");
        const natSubnets = nats.map((n) => inputs(n).subnetId);
        for (const n of nats) {
          assert.ok(pub.some((s) => idOf(s) === inputs(n).subnetId), `${n.name} is not in a public subnet`);
          assert.ok(eips.some((e) => idOf(e) === inputs(n).allocationId && inputs(e).domain === "vpc"), `${n.name} has no VPC Elastic IP`);
        }
        assert.equal(new Set(natSubnets).size, nats.length, "two NAT gateways share a subnet");
        for (const s of priv) {
          const route = defaultRouteOf(run, idOf(s));
          assert.equal(route.gatewayId, undefined, `${s.name} routes straight to the internet`);
          const nat = nats.find((n) => idOf(n) === route.natGatewayId);
          assert.ok(nat, `${s.name} does not route to a NAT gateway`);
          const natZone = inputs(pub.find((p) => idOf(p) === inputs(nat).subnetId)!).availabilityZone;
          if (stack === "prod") assert.equal(natZone, inputs(s).availabilityZone, `${s.name} leaves through another zone's NAT gateway`);
          else assert.equal(natZone, inputs(pub[0]).availabilityZone);
        }
      });

      it(`${stack}: interface endpoints with private DNS for STS, S3 and EC2, and Karpenter's EKS, SQS and SSM, in the private subnets (S3's for every caller, without a gateway endpoint), HTTPS from the VPC only`, async () => {
        const run = await stackRun(stack);
        const vpc = ofType(run, T.vpc)[0];
        const endpoints = ofType(run, T.vpcEndpoint);
        const services = [...interfaceEndpointServices, ...karpenterEndpointServices];
        assert.deepEqual(services, ["sts", "s3", "ec2", "eks", "sqs", "ssm"]);
        assert.deepEqual(endpoints.map((e) => inputs(e).serviceName).sort(), services.map((s) => `com.amazonaws.${REGION}.${s}`).sort());
        const privateIds = subnets(run, "private").map(idOf);
        const [group, ...more] = ofType(run, T.securityGroup);
        assert.equal(more.length, 0);
        for (const e of endpoints) {
          assert.equal(inputs(e).vpcEndpointType, "Interface");
          assert.equal(inputs(e).privateDnsEnabled, true);
          assert.equal(inputs(e).vpcId, idOf(vpc));
          assert.deepEqual(inputs(e).subnetIds, privateIds);
          assert.deepEqual(inputs(e).securityGroupIds, [idOf(group)]);
          // S3's interface endpoint resolves privately for every caller: no gateway endpoint exists for AWS's default to need.
          const s3 = String(inputs(e).serviceName).endsWith(".s3");
          assert.deepEqual(inputs(e).dnsOptions, s3 ? { privateDnsOnlyForInboundResolverEndpoint: false } : undefined, String(inputs(e).serviceName));
        }
        assert.deepEqual(
          inputs(group).ingress.map((r: any) => [r.protocol, r.fromPort, r.toPort, r.cidrBlocks]),
          [["tcp", 443, 443, [inputs(vpc).cidrBlock]]],
        );
        assert.deepEqual(inputs(group).egress, []);
      });
    });
  }

  it("explicit zones and a NAT mode override the profile: subnets in exactly those zones, one NAT per zone in dev", async () => {
    const zones = ["eu-central-1b", "eu-central-1c"];
    const run = assertOk(await runWithConfig({ profile: "dev", "aws:region": "eu-central-1", cluster: { availabilityZones: zones, natGateways: "one-per-az", vpcCidr: "10.20.0.0/20" } }));
    assert.deepEqual(subnets(run, "private").map((s) => inputs(s).availabilityZone), zones);
    assert.deepEqual(subnets(run, "public").map((s) => inputs(s).availabilityZone), zones);
    assert.equal(ofType(run, T.nat).length, 2);
    assert.deepEqual(subnets(run, "private").map((s) => inputs(s).cidrBlock), ["10.20.0.0/23", "10.20.2.0/23"]);
    assert.deepEqual(subnets(run, "public").map((s) => inputs(s).cidrBlock), ["10.20.14.0/26", "10.20.14.64/26"]);
  });

  it("availabilityZoneCount takes that many of the region's zones", async () => {
    const run = assertOk(await runWithConfig({ profile: "prod", "aws:region": "ap-northeast-1", cluster: { availabilityZoneCount: 4 } }));
    assert.deepEqual(subnets(run, "private").map((s) => inputs(s).availabilityZone), ["a", "b", "c", "d"].map((l) => `ap-northeast-1${l}`));
    assert.equal(ofType(run, T.nat).length, 4);
  });

  describe("subnet layout (pure)", () => {
    it("a /16 gives /19 private subnets from the start and /22 public ones in the last eighth", () => {
      assert.deepEqual(subnetLayout("10.0.0.0/16", 3), {
        private: ["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"],
        public: ["10.0.224.0/22", "10.0.228.0/22", "10.0.232.0/22"],
      });
    });

    it("every supported size and zone count gives disjoint subnets inside the VPC", () => {
      for (let prefix = 16; prefix <= 22; prefix++) {
        for (let zones = 1; zones <= 6; zones++) {
          const vpc = parseCidr(`10.0.0.0/${prefix}`)!;
          const layout = subnetLayout(`10.0.0.0/${prefix}`, zones);
          const blocks = [...layout.private, ...layout.public].map((c) => parseCidr(c)!);
          assert.equal(blocks.length, 2 * zones);
          for (const [i, b] of blocks.entries()) {
            assert.ok(contains(vpc, b), `/${prefix}, ${zones} zones: ${b} outside`);
            assert.ok(b.prefix <= 28, "AWS subnets are /28 at the smallest");
            for (const other of blocks.slice(i + 1)) assert.ok(!overlaps(b, other), `/${prefix}, ${zones} zones: overlap`);
          }
        }
      }
      assert.throws(() => subnetLayout("10.0.0.0/16", 7), /1 to 6 zones/);
    });
  });
});
