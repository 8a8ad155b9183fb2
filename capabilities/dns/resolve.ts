import type { Profile } from "../../config/profiles";
import type { MeshSpec } from "../mesh";
import type { DnsInput } from "./schema";
import { dnsProfileDefaults } from "./defaults";
import type { DnsSpec } from "./spec";

/** external-dns is deployed when `dns` is configured. */
export function resolveDns(input: DnsInput | undefined, profile: Profile, mesh: MeshSpec): DnsSpec | undefined {
  if (!input) return undefined;
  if (!mesh.gateway.hostedZone) throw new Error("external-dns needs mesh.gateway.hostedZone (the checks require it)");
  return {
    policy: input.policy ?? dnsProfileDefaults[profile].policy,
    ...(input.txtOwnerId ? { txtOwnerId: input.txtOwnerId } : {}),
    interval: input.interval ?? "1m",
    hostedZone: { ...mesh.gateway.hostedZone },
    ...(input.roleArn ? { roleArn: input.roleArn } : {}),
  };
}
