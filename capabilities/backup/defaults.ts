/**
 * Velero's defaults. Seeds 000 and 004: hourly backups of the stateful namespaces kept 7 days, a daily
 * full backup kept 30 days.
 */
export const backupDefaults = {
  statefulHourly: { name: "stateful-hourly", schedule: "0 * * * *", ttl: "168h0m0s" },
  dailyFull: { name: "daily-full", schedule: "0 2 * * *", ttl: "720h0m0s" },
};
