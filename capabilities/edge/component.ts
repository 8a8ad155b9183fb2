import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { objectKey } from "../../manifests/kubernetes-object";
import { bucketRegion } from "../../components/bucket-region";
import { helmRelease } from "../../components/helm-release";
import { workloadRole } from "../../components/irsa";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";
import { vpcNameTag, type ClusterLayer } from "../cluster";
import { gatewayHosts, type Mesh } from "../mesh";
import type { VpcLookup } from "./chart";
import { edgeDesiredState, type EdgeTargets } from "./desired-state";
import { loadBalancerControllerPolicy } from "./iam";
import { EDGE_NAMESPACE, LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT } from "./names";
import type { EdgePlatform } from "./spec";
import { webAclArgs } from "./waf";

export interface EdgeArgs {
  /** The resolved stack config, as much of it as the public edge reads (`EdgePlatform`). */
  platform: EdgePlatform;
  /** The cluster layer (`Cluster` or `ExistingCluster`): its OIDC provider for the controller's role. */
  cluster: ClusterLayer;
  /** The `Mesh` component: its ingress gateway is what the load balancer sends traffic to. */
  mesh: Mesh;
  /** The cluster's name: the controller's `clusterName` and its VPC's Name tag. */
  clusterName: string;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider (EKS mode): the controller's role, an ALB's certificate and Web ACL. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** What the controller's pods need first: the system pool's node groups. @default `[]` (nothing to wait for) */
  workloadDependsOn?: pulumi.Resource[];
}

/**
 * The AWS side of the gateway, from `edgeDesiredState`. EKS mode: the controller's IRSA role (its published
 * policy), its namespace and release; for an ALB, an ACM certificate for the gateway's hosts validated by
 * DNS records in the hosted zone (unless one is configured) and a WAFv2 Web ACL (unless one is configured).
 * Then the gateway's Service and the ALB's Ingress, after the controller (and the certificate's validation).
 */
export class Edge extends pulumi.ComponentResource {
  static readonly type = "strata:edge:Edge";

  readonly release?: k8s.helm.v3.Release;
  readonly roleArn?: pulumi.Output<string>;
  readonly certificateArn?: pulumi.Output<string>;
  readonly webAclArn?: pulumi.Output<string>;
  /** The load balancer's DNS name (the NLB's or the ALB's); empty until AWS has made it. */
  readonly address: pulumi.Output<string>;
  readonly exposure: "internal" | "internet-facing";
  readonly loadBalancer: "nlb" | "alb";
  readonly hosts: string[];

  constructor(name: string, args: EdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Edge.type, name, {}, opts);
    const { edge, mesh } = args.platform;
    this.exposure = mesh.gateway.exposure;
    this.loadBalancer = mesh.gateway.loadBalancer;
    this.hosts = gatewayHosts(mesh);
    const aws_ = args.awsProvider;
    const controllerRole = edge.controller
      ? workloadRole(
          `${name}-controller`,
          {
            configured: edge.roleArn,
            configKey: "edge.roleArn",
            oidcProvider: args.cluster.oidcProvider,
            serviceAccount: { namespace: EDGE_NAMESPACE, name: LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT },
            policy: loadBalancerControllerPolicy,
            awsProvider: aws_,
          },
          { parent: this },
        )
      : undefined;
    const role = controllerRole?.role;
    this.roleArn = controllerRole?.arn;

    const vpc: VpcLookup = edge.vpcId ? { vpcId: edge.vpcId } : { vpcTags: { Name: vpcNameTag(args.clusterName) } };
    const targets: EdgeTargets<pulumi.Input<string>> = {
      controller: { clusterName: args.clusterName, region: edge.controller ? bucketRegion(edge.region, aws_, this) : "", roleArn: this.roleArn ?? "", vpc },
    };
    let validation: aws.acm.CertificateValidation | undefined;
    if (edge.alb) {
      const certificate = edge.alb.certificateArn ? undefined : this.certificate(name, args);
      validation = certificate;
      this.certificateArn = edge.alb.certificateArn ? pulumi.output(edge.alb.certificateArn) : certificate!.certificateArn;
      this.webAclArn = edge.alb.webAclArn ? pulumi.output(edge.alb.webAclArn) : new aws.wafv2.WebAcl(`${name}-alb`, webAclArgs(`${args.clusterName}-edge`, edge.alb.rateLimit), { parent: this, provider: aws_ }).arn;
      targets.alb = { certificateArn: this.certificateArn, webAclArn: this.webAclArn };
    }

    const plan = edgeDesiredState(args.platform, targets);
    const base = { parent: this, provider: args.provider };
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    if (plan.chart) {
      this.release = helmRelease(`${name}-controller`, plan.chart, {
        ...base,
        dependsOn: [...prerequisites.values(), ...(role ? [role] : []), ...(args.workloadDependsOn ?? [])],
      });
    }
    const gatewayObjects = registerKubernetesObjects(plan.gatewayObjects, {
      ...base,
      dependsOn: [args.mesh.gatewayNamespace, ...(this.release ? [this.release] : []), ...(validation ? [validation] : [])],
    });
    // The load balancer's address: the NLB's on the Service, the ALB's on the Ingress.
    const front = gatewayObjects.get(objectKey(plan.gatewayObjects[plan.gatewayObjects.length - 1])) as k8s.core.v1.Service | k8s.networking.v1.Ingress;
    this.address = (front.status as pulumi.Output<{ loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } } | undefined>).apply(
      (s) => s?.loadBalancer?.ingress?.[0]?.hostname ?? s?.loadBalancer?.ingress?.[0]?.ip ?? "",
    );
    this.registerOutputs({ address: this.address });
  }

  /**
   * An ACM certificate for every host of the gateway, validated by DNS: one CNAME per name ACM asks about
   * (a wildcard and its base name share one), in the hosted zone, and the validation that waits for ACM to
   * issue it.
   */
  private certificate(name: string, args: EdgeArgs): aws.acm.CertificateValidation {
    const zone = args.platform.mesh.gateway.hostedZone;
    if (!zone) throw new Error("an ALB's certificate is validated in mesh.gateway.hostedZone (the checks require it)");
    const hosts = gatewayHosts(args.platform.mesh);
    const child = { parent: this, provider: args.awsProvider };
    const certificate = new aws.acm.Certificate(
      `${name}-alb`,
      { domainName: hosts[0], subjectAlternativeNames: hosts.slice(1), validationMethod: "DNS" },
      child,
    );
    const validated = [...new Set(hosts.map((h) => h.replace(/^\*\./, "")))];
    const records = validated.map((domain) => {
      const option = certificate.domainValidationOptions.apply((options) => {
        const found = options.find((o) => o.domainName === domain) ?? options.find((o) => o.domainName === `*.${domain}`);
        if (!found) throw new Error(`ACM asked no validation of ${domain}`);
        return found;
      });
      return new aws.route53.Record(
        `${name}-alb-validation-${domain}`,
        { zoneId: zone.id, name: option.resourceRecordName, type: option.resourceRecordType, records: [option.resourceRecordValue], ttl: 60, allowOverwrite: true },
        child,
      );
    });
    return new aws.acm.CertificateValidation(`${name}-alb`, { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) }, child);
  }
}
