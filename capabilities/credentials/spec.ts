import type { DataServiceName } from "../../platform/data-services";
import type { DeliveryMode } from "./schema";

/** The credentials capability's resolved config. */
export interface CredentialsSpec {
  /** Replicas of the operator's controller, webhook and cert controller. */
  replicas: number;
  /** Each deployed layer's delivery mode (a per-tenant layer's copies share their layer's), by deployed layer name. */
  delivery: Record<string, DeliveryMode>;
  refreshInterval: string;
  /** Rotation schedules by data service (only where the operator rotates). */
  rotation: Partial<Record<Extract<DataServiceName, "postgres">, string>>;
  secretsManager: {
    /** Absent: the stack's region (the provider's, or a render's placeholder). */
    region?: string;
    /** Absent: Strata makes the role (EKS mode). */
    roleArn?: string;
  };
  /** The data services deployed in the stack (their credentials are delivered to the layers that declare them). */
  dataServices: DataServiceName[];
}
