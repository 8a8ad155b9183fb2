import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";
import type { HostedZoneSpec, MeshSpec } from "../mesh";

export type DnsPolicy = "sync" | "upsert-only";

/** external-dns's resolved config. */
export interface DnsSpec {
  policy: DnsPolicy;
  /** Absent: `strata-<stack>`. */
  txtOwnerId?: string;
  interval: string;
  /** The zone it writes (mesh.gateway.hostedZone), and only that one. */
  hostedZone: HostedZoneSpec;
  roleArn?: string;
}

export type DnsPlatform = CoreSpec & { cluster: ClusterSpec; mesh: MeshSpec; dns: DnsSpec };
