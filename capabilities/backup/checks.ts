import type { CheckContext } from "../../config/capability-config";
import { regionIssues, roleIssues } from "../../config/existing-cluster-checks";
import type { ConfigIssue } from "../../config/issues";
import { isObject, isString, type Raw } from "../../config/raw";
import { cluster, clusterMode } from "../cluster";

/** Velero's checks: schedule names are unique; an existing cluster names Velero's role and the bucket's region. */
export function backupIssues(context: CheckContext): ConfigIssue[] {
  const backup = isObject(context.raw.backup) ? context.raw.backup : {};
  // The mode as resolved, else as written: the cluster resolves only when nothing else is wrong, and every problem is reported at once.
  return backupSectionIssues(backup, context.resolved.of(cluster)?.mode ?? clusterMode(context.raw), context.awsRegion);
}

function backupSectionIssues(backup: Raw, mode: string | undefined, awsRegion: string | undefined): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  (Array.isArray(backup.schedules) ? backup.schedules : []).forEach((schedule, i) => {
    if (!isObject(schedule) || !isString(schedule.name)) return;
    if (seen.has(schedule.name)) issues.push({ path: `backup.schedules[${i}].name`, message: `duplicate schedule name "${schedule.name}" (also backup.schedules[${seen.get(schedule.name)}])` });
    else seen.set(schedule.name, i);
  });
  issues.push(...roleIssues("backup.roleArn", backup.roleArn, mode, " Velero assumes (trusting the velero namespace's velero service account)"));
  issues.push(...regionIssues("backup.region", backup.region, mode, awsRegion));
  return issues;
}
