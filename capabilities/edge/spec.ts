import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";
import type { MeshSpec } from "../mesh";

/** The edge's resolved config. */
export interface EdgeSpec {
  /** Whether Strata installs the AWS Load Balancer Controller. */
  controller: boolean;
  replicas: number;
  /** Existing cluster: the controller's role, VPC and region as configured. */
  roleArn?: string;
  vpcId?: string;
  region?: string;
  /** Present exactly when the gateway's load balancer is an ALB. */
  alb?: AlbSpec;
}

export interface AlbSpec {
  /** A configured certificate; absent: Strata requests one from ACM and validates it by DNS. */
  certificateArn?: string;
  /** A configured Web ACL; absent: Strata makes one. */
  webAclArn?: string;
  /** The rate limit of the Web ACL Strata makes (requests per client IP in 5 minutes). */
  rateLimit: number;
}

/** What the edge's desired state reads: the core, the cluster, the mesh's gateway, its own spec. */
export type EdgePlatform = CoreSpec & { cluster: ClusterSpec; mesh: MeshSpec; edge: EdgeSpec };
