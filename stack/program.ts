import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Platform } from "./platform";
import { ConfigError, validateStackConfig } from "../config";
import { defaultClusterName } from "../capabilities/cluster/resolve";
import { readRawStackConfig } from "../config/pulumi-config";
import { stackOutputs } from "./outputs";

/**
 * The Strata program: validate the stack config, then build the platform. `pulumi up` runs it through
 * index.ts; `strata check` runs the very same function under Pulumi's in-process mocks.
 *
 * Invalid config throws a ConfigError listing every problem before a single resource is registered.
 */
export async function strataProgram() {
  const namespace = pulumi.getProject();
  const stack = pulumi.getStack();
  const config = readRawStackConfig(namespace);
  // The AWS provider's region (`aws:region`); absent, AWS_REGION from the environment.
  const region = new pulumi.Config("aws").get("region");
  const result = validateStackConfig(config.values, { awsRegion: region });
  if (!result.ok) throw new ConfigError(result.issues, namespace);
  const spec = result.spec;

  const cluster = spec.cluster;
  const clusterName = cluster.name ?? defaultClusterName(namespace, stack);
  // One explicit AWS provider, for an EKS cluster only: an existing cluster creates nothing in AWS.
  const awsProvider =
    cluster.mode === "eks"
      ? new aws.Provider("aws", { ...(region ? { region: region as aws.Region } : {}), defaultTags: { tags: { "strata.io/project": namespace, "strata.io/stack": stack } } })
      : undefined;
  const platform = new Platform("strata", { spec, clusterName, awsProvider, secretConfigKeys: config.secretKeys, awsRegion: region });
  return stackOutputs(spec.profile, platform);
}
