/**
 * The kubeconfig of an EKS cluster, as plain data. It holds no credential: `kubectl` (and Pulumi's
 * Kubernetes provider) get a short-lived token from `aws eks get-token`, as the caller's AWS identity.
 * Still, the component exports it as a secret: it names the endpoint and how to reach it.
 */
export interface KubeconfigInputs {
  clusterName: string;
  endpoint: string;
  /** Base64 PEM of the cluster's certificate authority, as EKS reports it. */
  certificateAuthorityData: string;
  region: string;
}

export function eksKubeconfig(inputs: KubeconfigInputs): Record<string, unknown> {
  const name = inputs.clusterName;
  return {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: inputs.endpoint, "certificate-authority-data": inputs.certificateAuthorityData } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    preferences: {},
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", name, "--region", inputs.region, "--output", "json"],
            interactiveMode: "Never",
          },
        },
      },
    ],
  };
}
