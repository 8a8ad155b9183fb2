import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clusterNameOf } from "../capabilities/cluster";
import { CAPABILITIES } from "../capabilities/registry";
import type { Capability } from "../capabilities/capability";
import { ConfigError } from "../config/errors";
import { readRawStackConfig } from "../config/pulumi-config";
import { withoutSecrets } from "../config/secret-config";
import { secretConfigTransformation, secretOutputs } from "../components/secret-config-transformation";
import { remoteKeyPrefix } from "../manifests/external-secret";
import { Platform } from "./platform";
import { stackOutputs } from "./outputs";
import { validateStackConfig } from "./spec";

/**
 * The Strata program: validate the stack config, then build the platform. `pulumi up` runs it through
 * index.ts; `strata check` runs the very same function under Pulumi's in-process mocks.
 *
 * Invalid config throws a ConfigError listing every problem before a single resource is registered.
 * `capabilities`: what the platform is composed of (default: the registry's).
 */
export async function strataProgram(capabilities: readonly Capability[] = CAPABILITIES) {
  const namespace = pulumi.getProject();
  const stack = pulumi.getStack();
  const config = readRawStackConfig(namespace);
  // The AWS provider's region (`aws:region`); absent, AWS_REGION from the environment.
  const region = new pulumi.Config("aws").get("region");
  const result = validateStackConfig(config.values, { awsRegion: region }, capabilities);
  if (!result.ok) throw new ConfigError(withoutSecrets(result.issues, config.secretValues), namespace);
  const spec = result.spec;
  // Before any resource: whatever holds a secret config value is registered as a secret.
  if (config.secretValues.length) pulumi.runtime.registerStackTransformation(secretConfigTransformation(config.secretValues, namespace));

  // One explicit AWS provider, for an EKS cluster only: an existing cluster creates nothing in AWS.
  const awsProvider =
    spec.cluster.mode === "eks"
      ? new aws.Provider("aws", { ...(region ? { region: region as aws.Region } : {}), defaultTags: { tags: { "strata.io/project": namespace, "strata.io/stack": stack } } })
      : undefined;
  const platform = new Platform("strata", {
    spec,
    context: { identity: { cluster: clusterNameOf(spec.cluster, namespace, stack), stack }, remoteKeyPrefix: remoteKeyPrefix(spec.gitops, namespace, stack) },
    awsProvider,
    awsRegion: region,
    capabilities,
  });
  return secretOutputs(stackOutputs(spec.profile, platform), config.secretValues);
}
