import { dataServiceEnabled, storageClassOf, type DataResolveContext } from "../../config/data-services";
import { defaultExtensions, postgresDefaults, postgresProfileDefaults } from "./defaults";
import { DEFAULT_POSTGRES_VERSION, type PostgresVersion } from "./pins";
import type { PostgresConfig } from "./schema";
import type { BackupRepositorySpec, PostgresSpec } from "./spec";

export function resolvePostgresSpec(config: PostgresConfig | undefined, context: DataResolveContext): PostgresSpec | undefined {
  if (!dataServiceEnabled("postgres", config, context.layers)) return undefined;
  const defaults = postgresProfileDefaults[context.profile];
  const storageClass = storageClassOf(config?.storageClass, context);
  const instances: NonNullable<PostgresConfig["instances"]> = config?.instances ?? [{ name: postgresDefaults.instanceSetName, replicas: defaults.replicas }];
  const backups = config?.backups;
  const repositories: BackupRepositorySpec[] = [
    {
      name: "repo1",
      // Given schedules replace the defaults (as the second repository's and backup.schedules do): a full
      // backup moved to another hour must not run beside a default differential.
      schedules: { ...(backups?.schedules ?? postgresDefaults.schedules) },
      retentionDays: backups?.retentionDays ?? defaults.retentionDays,
      ...(backups?.region ? { region: backups.region } : {}),
    },
  ];
  const second = backups?.secondRepository;
  if (second) {
    repositories.push({
      name: "repo2",
      schedules: { ...(second.schedules ?? postgresDefaults.secondRepository.schedules) },
      retentionDays: second.retentionDays ?? postgresDefaults.secondRepository.retentionDays,
      ...(second.region ? { region: second.region } : {}),
      ...(second.bucket ? { bucket: second.bucket } : {}),
    });
  }
  return {
    version: (config?.version ?? DEFAULT_POSTGRES_VERSION) as PostgresVersion,
    instances: instances.map((set) => ({
      name: set.name,
      replicas: set.replicas,
      storage: { size: set.storageSize ?? defaults.storageSize, ...(storageClass ? { storageClass } : {}) },
      resources: structuredClone(set.resources ?? defaults.resources),
    })),
    synchronousReplication: config?.synchronousReplication ?? defaults.synchronousReplication,
    pgBouncer: {
      replicas: config?.pgBouncer?.replicas ?? defaults.pgBouncerReplicas,
      resources: structuredClone(config?.pgBouncer?.resources ?? postgresDefaults.pgBouncerResources),
    },
    extensions: [...new Set(config?.extensions ?? defaultExtensions(context.defaultLayers))],
    backups: { repositories, ...(backups?.roleArn ? { roleArn: backups.roleArn } : {}) },
  };
}
