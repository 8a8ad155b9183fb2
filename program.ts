import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Platform } from "./components/platform";
import { ConfigError, validateStackConfig } from "./config";
import { readRawStackConfig } from "./config/pulumi-config";
import { stackOutputs } from "./outputs";

/**
 * The Strata program: validate the stack config, then build the platform. `pulumi up` runs it through
 * index.ts; `strata check` runs the very same function under Pulumi's in-process mocks.
 *
 * Invalid config throws a ConfigError listing every problem before a single resource is registered.
 */
export async function strataProgram() {
  const namespace = pulumi.getProject();
  const config = readRawStackConfig(namespace);
  const result = validateStackConfig(config.values);
  if (!result.ok) throw new ConfigError(result.issues, namespace);
  const spec = result.spec;

  // The cluster comes from the ambient kubeconfig/context until the cluster layer provides one.
  const kubernetesProvider = new k8s.Provider("kubernetes", { enableServerSideApply: true });
  const platform = new Platform("strata", { spec, kubernetesProvider, secretConfigKeys: config.secretKeys });
  return stackOutputs(spec.profile, platform);
}
