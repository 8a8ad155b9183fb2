import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ObservabilityPlatform } from "./spec";
import { bucketAccessStatements, bucketArn, partitionOf, s3Endpoint, type BucketAccess, type PolicyDocument } from "../../manifests/aws-iam";
import { grafanaUrl, MONITORING_NAMESPACE, observabilityDesiredState, thanosComponents, thanosQueryUrl, type StackIdentity } from "./desired-state";
import { PROMETHEUS_SERVICE_ACCOUNT } from "../../platform/monitoring";
import { nodePoolNames, nodePools, type NodePool } from "../../platform/placement";
import { bucketRegion } from "../../components/bucket-region";
import type { ClusterLayer } from "../cluster";
import { IrsaRole } from "../../components/irsa";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { helmRelease } from "../../components/helm-release";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";

export interface ObservabilityArgs {
  /** The resolved stack config, as much of it as the monitoring stack reads (`ObservabilityPlatform`). */
  platform: ObservabilityPlatform;
  /** The cluster layer (`Cluster` or `ExistingCluster`): its OIDC provider for Thanos's role and its metrics bucket. */
  cluster: ClusterLayer;
  /** The stack's identity (its cluster's and stack's names): Prometheus's external labels. */
  identity: StackIdentity;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider (EKS mode): Thanos's IRSA role is made with it. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** The node groups of a pool: each workload waits for its own pool's (system: controllers, query; stateful: Prometheus, store, compactor). @default every pool: nothing to wait for */
  nodeGroupsOf?: (pool: NodePool) => pulumi.Resource[];
  /** The mesh's injector: Prometheus's pods ask for a proxy (their scrape certificates), which only a running injector adds. @default none: Prometheus does not wait for the mesh */
  meshInjector?: pulumi.Resource;
}

/** Each Thanos role's service account and what it may do with the metrics bucket (least privilege per component). */
const thanosRoles: Record<"sidecar" | "storeGateway" | "compactor", { serviceAccount: string; access: BucketAccess }> = {
  // The sidecar uploads blocks.
  sidecar: { serviceAccount: PROMETHEUS_SERVICE_ACCOUNT, access: "read-write" },
  // The store gateway only reads.
  storeGateway: { serviceAccount: thanosComponents.store.serviceAccount, access: "read" },
  // The compactor rewrites and deletes blocks (compaction, downsampling, retention).
  compactor: { serviceAccount: thanosComponents.compactor.serviceAccount, access: "read-write-delete" },
};

/**
 * Prometheus, Alertmanager, Grafana and Thanos, from `observabilityDesiredState`: the cluster's metrics
 * bucket (bucket helper; existing mode: configured), an IRSA role per Thanos component (EKS mode; existing
 * mode: configured roles), the release, Thanos's workloads, then monitors and rules (they need the release only);
 * the Prometheus adapter beside them when the stack needs it.
 */
export class Observability extends pulumi.ComponentResource {
  static readonly type = "strata:observability:Observability";

  readonly roleArns: Record<keyof typeof thanosRoles, pulumi.Output<string>>;
  readonly bucketName: pulumi.Output<string>;
  readonly release: k8s.helm.v3.Release;
  /** The Prometheus adapter, when the stack runs it. */
  readonly metricsAdapter?: k8s.helm.v3.Release;
  readonly thanosQueryUrl: pulumi.Output<string>;
  readonly grafanaUrl: pulumi.Output<string>;

  constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Observability.type, name, {}, opts);
    const spec = args.platform.observability;
    const bucket = args.cluster.bucketNames.metrics;
    const region = bucketRegion(spec.thanos.region, args.awsProvider, this);
    const roles: IrsaRole[] = [];
    const configured = spec.thanos.roleArns;
    const roleArn = (key: keyof typeof thanosRoles): pulumi.Output<string> => {
      if (configured) return pulumi.output(configured[key]);
      if (!args.awsProvider) throw new Error("Thanos's roles: an existing cluster names them in config (observability.thanos.roleArns)");
      const partition = pulumi.output(args.cluster.oidcProvider.arn).apply(partitionOf);
      const role = new IrsaRole(
        `${name}-thanos-${key}`,
        {
          oidcProvider: args.cluster.oidcProvider,
          serviceAccount: { namespace: MONITORING_NAMESPACE, name: thanosRoles[key].serviceAccount },
          policy: pulumi.all([partition, bucket, region]).apply(
            ([p, b, r]): PolicyDocument => ({ Version: "2012-10-17", Statement: bucketAccessStatements(bucketArn(p, b), r, thanosRoles[key].access) }),
          ),
          provider: args.awsProvider,
        },
        { parent: this },
      );
      roles.push(role);
      return role.arn;
    };
    this.roleArns = { sidecar: roleArn("sidecar"), storeGateway: roleArn("storeGateway"), compactor: roleArn("compactor") };

    const plan = observabilityDesiredState(args.platform, args.identity, {
      bucket,
      region,
      endpoint: region.apply(s3Endpoint),
      ...this.roleArns,
      encode: (config) => pulumi.output(config).apply((c) => JSON.stringify(c)),
    });
    const base = { parent: this, provider: args.provider };
    const nodesOf = (pool: NodePool) => args.nodeGroupsOf?.(pool) ?? [];
    const nodes = [...nodesOf("system"), ...nodesOf("stateful")];
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    this.release = helmRelease(`${name}-stack`, plan.chart, { ...base, dependsOn: [...prerequisites.values(), ...roles, ...nodes, ...(args.meshInjector ? [args.meshInjector] : [])] });
    // The adapter needs its namespace's rules, its own and the system pool; it finds Thanos query when it relists.
    if (plan.metricsAdapter) {
      const namespace = prerequisites.get(`Namespace/${MONITORING_NAMESPACE}`);
      const policies = registerKubernetesObjects(plan.metricsAdapter.policies, { ...base, dependsOn: namespace ? [namespace] : [] });
      this.metricsAdapter = helmRelease(`${name}-metrics-adapter`, plan.metricsAdapter.chart, { ...base, dependsOn: [...prerequisites.values(), ...policies.values(), ...nodesOf("system")] });
    }
    // The objstore Secret and the service accounts' roles first: the pods mount the one and assume the others.
    // Each workload waits for its own pool's nodes (the one its nodeSelector names).
    const poolOf = (workload: KubernetesObject) => {
      const selector = JSON.stringify((workload.spec as { template?: { spec?: { nodeSelector?: object } } } | undefined)?.template?.spec?.nodeSelector ?? {});
      return nodePoolNames.find((p) => JSON.stringify(nodePools[p].nodeLabels) === selector);
    };
    registerKubernetesObjects(plan.workloads, {
      ...base,
      dependsOn: [...prerequisites.values(), ...roles],
      workloadDependsOn: (workload) => {
        const pool = poolOf(workload);
        return pool ? nodesOf(pool) : [];
      },
    });
    registerKubernetesObjects(plan.customResources, { ...base, customResourceDependsOn: [this.release] });

    this.bucketName = bucket;
    this.thanosQueryUrl = pulumi.output(thanosQueryUrl);
    this.grafanaUrl = pulumi.output(grafanaUrl);
    this.registerOutputs({ thanosQueryUrl: this.thanosQueryUrl, grafanaUrl: this.grafanaUrl, bucketName: this.bucketName });
  }
}
