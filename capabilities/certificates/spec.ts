import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";
import type { HostedZoneSpec, MeshSpec } from "../mesh";
import type { AcmeEnvironment } from "./names";

/** cert-manager's resolved config. */
export interface CertificatesSpec {
  email: string;
  /** The environment of the gateway's certificates. */
  server: AcmeEnvironment;
  /** The zone DNS-01 challenges are answered in (mesh.gateway.hostedZone). */
  hostedZone: HostedZoneSpec;
  replicas: { controller: number; webhook: number; cainjector: number };
  roleArn?: string;
}

export type CertificatesPlatform = CoreSpec & { cluster: ClusterSpec; mesh: MeshSpec; certificates: CertificatesSpec };
