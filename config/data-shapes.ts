import { z } from "zod";
import { resourcesSchema } from "./layers/schema";
import { awsRegionName, cronFor, dnsSubdomain } from "./primitives";

/** Shapes the three data layers' config sections share. */

/** A persistent volume's size ("100Gi"). */
export const storageSize = z.string().regex(/^[1-9][0-9]*(Mi|Gi|Ti)$/, { message: 'must be a volume size in Mi, Gi or Ti, such as "100Gi"' });

/** The StorageClass data volumes use; default: Strata's encrypted gp3 class (EKS mode) or the cluster's default (existing mode). */
export const storageClassName = dnsSubdomain;

/** Requests and limits of a data pod: the application layers' shape (a memory limit is required). */
export const dataResourcesSchema = resourcesSchema;

/**
 * A pgBackRest schedule (every six hours: "0 *\/6 * * *"): PGO runs each in a Kubernetes CronJob, so it is
 * what a CronJob takes (five fields or a descriptor such as "@daily").
 */
export const cronSchedule = cronFor("kubernetes-cronjob");

/** An AWS region name ("eu-west-1"). */
export const awsRegion = awsRegionName;

/** Resolved requests and limits of a data pod. */
export interface DataResourcesSpec {
  requests: { cpu: string; memory: string };
  limits: { cpu?: string; memory: string };
}

export interface VolumeSpec {
  size: string;
  /** Absent: the cluster's default StorageClass. */
  storageClass?: string;
}
