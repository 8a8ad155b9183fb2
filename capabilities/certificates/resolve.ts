import type { Profile } from "../../config/profiles";
import type { MeshSpec } from "../mesh";
import { certificatesProfileDefaults } from "./defaults";
import type { CertificatesInput } from "./schema";
import type { CertificatesSpec } from "./spec";

/** cert-manager is deployed when `certificates` is configured (it needs the ACME account's email). */
export function resolveCertificates(input: CertificatesInput | undefined, profile: Profile, mesh: MeshSpec): CertificatesSpec | undefined {
  if (!input) return undefined;
  if (!mesh.gateway.hostedZone) throw new Error("cert-manager needs mesh.gateway.hostedZone (the checks require it)");
  return {
    email: input.acme.email,
    server: input.acme.server ?? "production",
    hostedZone: { ...mesh.gateway.hostedZone },
    replicas: { ...certificatesProfileDefaults[profile] },
    ...(input.roleArn ? { roleArn: input.roleArn } : {}),
  };
}
