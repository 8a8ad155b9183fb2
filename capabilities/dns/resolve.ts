import type { Profile } from "../../config/profiles";
import type { MeshSpec } from "../mesh";
import type { DnsInput } from "./schema";
import type { DnsPolicy, DnsSpec } from "./spec";

const DEFAULT_POLICY: Record<Profile, DnsPolicy> = { dev: "sync", prod: "upsert-only" };

/** external-dns is deployed when `dns` is configured. */
export function resolveDns(input: DnsInput | undefined, profile: Profile, mesh: MeshSpec): DnsSpec | undefined {
  if (!input) return undefined;
  if (!mesh.gateway.hostedZone) throw new Error("external-dns needs mesh.gateway.hostedZone (the checks require it)");
  return {
    policy: input.policy ?? DEFAULT_POLICY[profile],
    ...(input.txtOwnerId ? { txtOwnerId: input.txtOwnerId } : {}),
    interval: input.interval ?? "1m",
    hostedZone: { ...mesh.gateway.hostedZone },
    ...(input.roleArn ? { roleArn: input.roleArn } : {}),
  };
}
