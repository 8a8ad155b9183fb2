// An example Pulumi program that uses Strata as a component library, not the whole Platform: an existing
// cluster and the Istio mesh on it, from Strata's validated stack config. It imports only what the package
// exports (`strata/components`); tests/library.test.ts type-checks it against the built declarations.
import * as pulumi from "@pulumi/pulumi";
import { ExistingCluster, Mesh, validateStackConfig, type MeshArgs } from "strata/components";

const config = new pulumi.Config("strata");

// The same keys as a Strata stack file's `strata:` section, checked and resolved with the profile's defaults.
const result = validateStackConfig({
  profile: "dev",
  cluster: {
    mode: "existing",
    name: config.get("clusterName") ?? "team-eks",
    context: config.get("kubeContext") ?? "team-eks-admin",
    oidcProviderArn: config.require("oidcProviderArn"),
    oidcProviderUrl: config.require("oidcProviderUrl"),
    vpcCidr: "10.20.0.0/16",
    buckets: { backups: "team-velero-backups", metrics: "team-thanos-blocks", postgres: "team-pgbackrest" },
  },
});
if (!result.ok) throw new Error(result.issues.map((i) => `strata:${i.path}: ${i.message}`).join("\n"));
const spec = result.spec;
if (spec.cluster.mode !== "existing") throw new Error("this example deploys onto an existing cluster");

// Component one: the cluster (a Kubernetes provider on the named context, its OIDC provider and buckets).
const cluster = new ExistingCluster("cluster", { spec: spec.cluster });

// Component two: the mesh, created through the first one's provider.
const meshArgs: MeshArgs = { platform: spec, provider: cluster.kubernetesProvider };
const mesh = new Mesh("mesh", meshArgs);

export const clusterOutputs = cluster.outputs;
export const meshUrn = mesh.urn;
