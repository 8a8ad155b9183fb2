import type { CoreResolution } from "../../config/capability-config";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import type { Profile } from "../../config/profiles";
import type { DataServiceName } from "../../platform/data-services";
import { credentialsDefaults, credentialsProfileDefaults } from "./defaults";
import type { CredentialsConfig } from "./schema";
import type { CredentialsSpec } from "./spec";

/** What decides whether the capability is deployed: the deployed data services, and whether layers read Secrets. */
export interface CredentialsNeeds {
  dataServices: DataServiceName[];
  /** Some layer has `secretEnv`: its Secrets come through External Secrets in a render, or under `pulumi up` with `secrets.externalSecrets`. */
  secretEnv: boolean;
  externalSecrets: boolean;
}

/** Whether the stack needs the External Secrets Operator at all. */
export function credentialsNeeded(needs: CredentialsNeeds): boolean {
  return needs.dataServices.length > 0 || needs.secretEnv || needs.externalSecrets;
}

/** The configured layer a deployed layer comes from: a tenant's copy `<tenant>-<layer>` from `<layer>`. */
export function configuredLayerName(layer: Pick<ApplicationLayerSpec, "name" | "tenant">): string {
  return layer.tenant ? layer.name.slice(layer.tenant.length + 1) : layer.name;
}

export function resolveCredentials(config: CredentialsConfig | undefined, profile: Profile, core: CoreResolution, needs: CredentialsNeeds): CredentialsSpec | undefined {
  if (!credentialsNeeded(needs)) return undefined;
  const mode = config?.delivery ?? credentialsDefaults.delivery;
  return {
    replicas: config?.replicas ?? credentialsProfileDefaults[profile].replicas,
    delivery: Object.fromEntries(core.spec.layers.map((l) => [l.name, config?.layers?.[configuredLayerName(l)]?.delivery ?? mode])),
    refreshInterval: config?.refreshInterval ?? credentialsDefaults.refreshInterval,
    rotation: { ...(config?.rotation?.postgres ? { postgres: config.rotation.postgres } : {}) },
    secretsManager: { ...(config?.secretsManager?.region ? { region: config.secretsManager.region } : {}), ...(config?.secretsManager?.roleArn ? { roleArn: config.secretsManager.roleArn } : {}) },
    dataServices: [...needs.dataServices],
  };
}
