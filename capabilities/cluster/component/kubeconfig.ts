import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { eksKubeconfig } from "../kubeconfig";

export interface EksKubeconfigArgs {
  clusterName: pulumi.Input<string>;
  endpoint: pulumi.Input<string>;
  certificateAuthorityData: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

/** The cluster's kubeconfig (JSON), as a secret output. */
export function eksKubeconfigOutput(args: EksKubeconfigArgs): pulumi.Output<string> {
  return pulumi.secret(
    pulumi
      .all([args.clusterName, args.endpoint, args.certificateAuthorityData, args.region])
      .apply(([clusterName, endpoint, certificateAuthorityData, region]) => JSON.stringify(eksKubeconfig({ clusterName, endpoint, certificateAuthorityData, region }))),
  );
}

export interface ClusterProviderArgs {
  /** Kubeconfig contents; absent: the ambient kubeconfig. Always registered as a secret. */
  kubeconfig?: pulumi.Input<string>;
  /** A context of that kubeconfig. */
  context?: string;
}

/** The Kubernetes provider every Kubernetes layer is created with: the cluster's, never the ambient default. */
export function clusterKubernetesProvider(args: ClusterProviderArgs, opts: pulumi.CustomResourceOptions): k8s.Provider {
  return new k8s.Provider(
    "kubernetes",
    {
      ...(args.kubeconfig !== undefined ? { kubeconfig: pulumi.secret(args.kubeconfig) } : {}),
      ...(args.context !== undefined ? { context: args.context } : {}),
      enableServerSideApply: true,
    },
    opts,
  );
}
