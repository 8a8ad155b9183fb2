
/** Velero: cluster backups to S3. */
export const BACKUP_NAMESPACE = "velero";
export const VELERO_RELEASE = "velero";
/** The server's service account: what its IRSA role trusts. */
export const VELERO_SERVICE_ACCOUNT = "velero";
/** The one storage location and snapshot location every schedule uses. */
export const STORAGE_LOCATION = "default";
export const SNAPSHOT_LOCATION = "default";
/** Backups live under this prefix of the backups bucket. */
export const BUCKET_PREFIX = "velero";
/** Velero's metrics port (server and node agent). */
export const VELERO_METRICS_PORT = 8085;
/** The IRSA role Velero's service account assumes, by the name stack config gives its ARN (`gitops.roleArns.velero`). */
export const VELERO_ROLE = "velero";
