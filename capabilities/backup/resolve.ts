import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { isPerTenant, tenantCopyName, type TenantableLayer } from "../../config/layers/tenancy-resolve";
import { dataServiceEndpoints, dataServicesUsedBy } from "../../platform/data-services";
import { backupDefaults } from "./defaults";
import type { BackupInput } from "./schema";
import type { BackupScheduleSpec, BackupSpec } from "./spec";

/** The layers as configured (per-tenant ones once) and as deployed (per-tenant ones once per tenant). */
export interface ServicesLayers {
  configured: TenantableLayer[];
  deployed: ApplicationLayerSpec[];
}

/** The namespaces of the data services some layer uses: what the hourly backup covers. */
function statefulNamespaces(layers: ApplicationLayerSpec[]): string[] {
  return dataServicesUsedBy(layers).map((s) => dataServiceEndpoints[s].namespace);
}

function defaultSchedules(layers: ApplicationLayerSpec[]): BackupScheduleSpec[] {
  const { statefulHourly, dailyFull } = backupDefaults;
  const stateful = statefulNamespaces(layers);
  return [
    ...(stateful.length ? [{ ...statefulHourly, includedNamespaces: stateful, snapshotVolumes: true }] : []),
    { ...dailyFull, snapshotVolumes: true },
  ];
}

/**
 * A schedule's namespaces as deployed: a per-tenant layer's name stands for its copies' namespaces (one per
 * tenant), since no namespace of that name exists; every other name is kept.
 */
function deployedNamespaces(names: string[], layers: ServicesLayers): string[] {
  const perTenant = new Set(layers.configured.filter(isPerTenant).map((l) => l.name));
  return [
    ...new Set(
      names.flatMap((name) =>
        perTenant.has(name) ? layers.deployed.filter((l) => l.tenant !== undefined && l.name === tenantCopyName(l.tenant, name)).map((l) => l.name) : [name],
      ),
    ),
  ];
}

export function resolveBackup(backup: BackupInput, layers: ServicesLayers, awsRegion?: string): BackupSpec {
  const region = backup.region ?? awsRegion;
  return {
    schedules: backup.schedules
      ? backup.schedules.map(({ includedNamespaces, ...s }) => ({
          ...s,
          ...(includedNamespaces ? { includedNamespaces: deployedNamespaces(includedNamespaces, layers) } : {}),
          snapshotVolumes: s.snapshotVolumes ?? true,
        }))
      : defaultSchedules(layers.deployed),
    nodeAgent: backup.nodeAgent ?? false,
    ...(region ? { region } : {}),
    ...(backup.roleArn ? { roleArn: backup.roleArn } : {}),
  };
}
