import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { cluster } from "../cluster";
import { backupIssues } from "./checks";
import type { Backup } from "./component";
import { BACKUP_NAMESPACE, backupDesiredState, NODE_AGENT_EXEMPTION, VELERO_ROLE } from "./desired-state";
import { veleroImages, veleroPin } from "./pins";
import { resolveBackup } from "./resolve";
import { backupSchema } from "./schema";
import type { BackupPlatform, BackupSpec } from "./spec";

export type { Backup, BackupArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const backupComponents = (): typeof import("./component") => require("./component");
export { backupDesiredState, backupLabels, NODE_AGENT_EXEMPTION, veleroPolicy, type BackupPlan, type BackupTargets } from "./desired-state";
export * from "./names";
export { veleroImages, veleroPin } from "./pins";
export type * from "./spec";

/** Velero's bucket (the stack's `backup` output). */
export interface BackupOutputs {
  /** The bucket Velero writes backups to (under the prefix `velero/`). */
  bucketName: string;
}


function platformOf(spec: BackupSpec, context: LayerObjectsContext): BackupPlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)!, backup: spec };
}

/**
 * Velero backups to S3 (the AWS plugin, IRSA, no static keys): the storage and snapshot locations and the
 * schedules from config (by default hourly backups of the data namespaces and a daily full one).
 */
export const backup = defineCapability({
  name: "backup",
  summary: "Velero backups to S3 through IRSA: storage and snapshot locations and the schedules from config",
  config: { key: "backup", schema: backupSchema },
  needs: ["cluster"],
  namespaces: [{ name: BACKUP_NAMESPACE, exemptions: [{ rule: "namespace-restricted-pod-security", kind: "Namespace", reason: NODE_AGENT_EXEMPTION }] }],
  charts: [veleroPin],
  images: [veleroImages.velero, veleroImages.awsPlugin],
  crdGroups: ["velero.io"],
  checks: backupIssues,
  resolve: ({ input, core, awsRegion }): BackupSpec => resolveBackup(input ?? {}, { configured: core.configuredLayers, deployed: core.spec.layers }, awsRegion),
  desiredState(spec, context) {
    const cloud = context.cloud;
    const plan = backupDesiredState(platformOf(spec, context), {
      bucket: cloud.bucketName("backups"),
      region: spec.region ?? cloud.region(),
      roleArn: spec.roleArn ?? cloud.roleArn(VELERO_ROLE),
    });
    return [{ name: "backup", helmCharts: [plan.chart], objects: [...plan.prerequisites, ...plan.customResources] }];
  },
  deploy(spec, context): Backup {
    const nodes = context.handle(cluster)!;
    return new (backupComponents().Backup)(
      "backup",
      { platform: platformOf(spec, context), cluster: nodes, provider: nodes.kubernetesProvider, awsProvider: context.awsProvider, workloadDependsOn: nodes.nodeGroupsOf("system") },
      { parent: context.parent },
    );
  },
  crdInstaller: (handle) => handle.release,
  outputs: (handle) => ({ backup: pulumiSdk().output({ bucketName: handle.bucketName }) }),
});

