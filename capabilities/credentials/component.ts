import * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { DataServiceName } from "../../platform/data-services";
import { partitionOf } from "../../manifests/aws-iam";
import { helmRelease } from "../../components/helm-release";
import { IrsaRole } from "../../components/irsa";
import { registerKubernetesObjects } from "../../components/kubernetes-objects";
import type { ClusterLayer } from "../cluster";
import { credentialsDesiredState, makesSecretsManagerStore, type CredentialsPlatform } from "./desired-state";
import { EXTERNAL_SECRETS_NAMESPACE, SECRETS_MANAGER_ACCOUNT } from "./names";
import { secretsManagerPolicy } from "./secrets-manager";
import type { CredentialsSpec } from "./spec";

export interface CredentialsArgs {
  /** The resolved `strata:credentials` config: the External Secrets Operator, the Secrets Manager store. */
  spec: CredentialsSpec;
  /** The resolved stack config, as much of it as the credentials read (`CredentialsPlatform`): the layers and the data services they use. */
  platform: CredentialsPlatform;
  /** The stack's remote-key prefix: the store's role may read under it. */
  remoteKeyPrefix: string;
  /** The remote keys the layers' `remoteRef`s name: the store's role may read exactly these besides the prefix. */
  remoteKeys: string[];
  /** The cluster layer (`Cluster` or `ExistingCluster`): its OIDC provider for the store's role. */
  cluster: ClusterLayer;
  /** The Kubernetes provider of the cluster every object is created in. */
  provider: k8s.Provider;
  /** The AWS provider (EKS mode): the store's IRSA role is made with it. @default none: no AWS resource is made (existing-cluster mode, whose roles the config names) */
  awsProvider?: pulumi.ProviderResource;
  /** The stack's `aws:region`, when set. @default the config's `credentials.secretsManager.region`, else the AWS provider's region */
  awsRegion?: string;
  /** What the operator's pods need first: the system pool's node groups. */
  workloadDependsOn: pulumi.Resource[];
  /** Each deployed data service's namespace: what the objects Strata puts there wait for. */
  dataNamespaces: ReadonlyMap<DataServiceName, pulumi.Resource>;
}

/**
 * The External Secrets Operator and what it reads, from `credentialsDesiredState`: its namespace, the release
 * (after the namespace and the system pool), the Secrets Manager store's IRSA role (EKS mode; existing mode:
 * configured), account and ClusterSecretStore, the data namespaces' reader Roles and Postgres's CA publisher
 * (each after its namespace), the rotation job. Custom resources wait for the release: it installs their CRDs.
 */
export class Credentials extends pulumi.ComponentResource {
  static readonly type = "strata:credentials:Credentials";

  /** The release that installs External Secrets' CRDs and runs its controller: custom resources of its groups and the layers' pods wait for it. */
  readonly release: k8s.helm.v3.Release;
  /** The role the Secrets Manager store assumes, when Strata makes the store. */
  readonly storeRoleArn?: pulumi.Output<string>;

  constructor(name: string, args: CredentialsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Credentials.type, name, {}, opts);
    const { spec, platform } = args;
    const base = { parent: this, provider: args.provider };
    const makesStore = makesSecretsManagerStore(platform, spec);
    const region: pulumi.Output<string> = !makesStore
      ? pulumi.output("")
      : spec.secretsManager.region
        ? pulumi.output(spec.secretsManager.region)
        : args.awsProvider
          ? aws.getRegionOutput({}, { parent: this, provider: args.awsProvider }).region
          : pulumi.output(args.awsRegion ?? "");
    let role: IrsaRole | undefined;
    const roleArn = (): pulumi.Output<string> => {
      if (spec.secretsManager.roleArn) return pulumi.output(spec.secretsManager.roleArn);
      if (!args.awsProvider) throw new Error("the Secrets Manager store's role: an existing cluster names it in config (credentials.secretsManager.roleArn)");
      const partition = pulumi.output(args.cluster.oidcProvider.arn).apply(partitionOf);
      const account = aws.getCallerIdentityOutput({}, { parent: this, provider: args.awsProvider }).accountId;
      role = new IrsaRole(
        `${name}-secrets-manager`,
        {
          oidcProvider: args.cluster.oidcProvider,
          serviceAccount: { namespace: EXTERNAL_SECRETS_NAMESPACE, name: SECRETS_MANAGER_ACCOUNT },
          policy: pulumi.all([partition, region, account]).apply(([p, r, a]) => secretsManagerPolicy(p, r, a, args.remoteKeyPrefix, args.remoteKeys)),
          provider: args.awsProvider,
        },
        { parent: this },
      );
      return role.arn;
    };
    if (makesStore) this.storeRoleArn = roleArn();
    const plan = credentialsDesiredState<pulumi.Input<string>>(spec, platform, { region, roleArn: this.storeRoleArn ?? "" });
    const prerequisites = registerKubernetesObjects(plan.prerequisites, base);
    const namespace = prerequisites.get(`Namespace/${EXTERNAL_SECRETS_NAMESPACE}`)!;
    this.release = helmRelease(name, plan.chart, { ...base, dependsOn: [...prerequisites.values(), ...args.workloadDependsOn] });
    registerKubernetesObjects(plan.store, { ...base, dependsOn: [namespace, ...(role ? [role] : [])], customResourceDependsOn: [this.release] });
    for (const [service, objects] of plan.dataNamespaces) {
      const dataNamespace = args.dataNamespaces.get(service);
      registerKubernetesObjects(objects, { ...base, dependsOn: dataNamespace ? [dataNamespace] : [], customResourceDependsOn: [this.release] });
    }
    const postgresNamespace = args.dataNamespaces.get("postgres");
    registerKubernetesObjects(plan.rotation, { ...base, dependsOn: [namespace, ...(postgresNamespace ? [postgresNamespace] : [])] });
    this.registerOutputs({ storeRoleArn: this.storeRoleArn });
  }
}
