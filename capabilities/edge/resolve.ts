import type { Profile } from "../../config/profiles";
import type { ClusterSpec } from "../cluster";
import type { MeshSpec } from "../mesh";
import { edgeDefaults, edgeProfileDefaults } from "./defaults";
import type { EdgeInput } from "./schema";
import type { EdgeSpec } from "./spec";

export function resolveEdge(input: EdgeInput, profile: Profile, cluster: ClusterSpec, mesh: MeshSpec, awsRegion?: string): EdgeSpec {
  const controller = input.controller ?? cluster.mode === "eks";
  const region = input.region ?? (cluster.mode === "existing" ? awsRegion : undefined);
  return {
    controller,
    replicas: input.replicas ?? edgeProfileDefaults[profile].replicas,
    ...(input.roleArn ? { roleArn: input.roleArn } : {}),
    ...(input.vpcId ? { vpcId: input.vpcId } : {}),
    ...(region ? { region } : {}),
    ...(mesh.gateway.loadBalancer === "alb"
      ? {
          alb: {
            ...(input.alb?.certificateArn ? { certificateArn: input.alb.certificateArn } : {}),
            ...(input.alb?.webAclArn ? { webAclArn: input.alb.webAclArn } : {}),
            rateLimit: input.alb?.rateLimit ?? edgeDefaults.rateLimit,
          },
        }
      : {}),
  };
}
