import type { CoreSpec } from "../../config/capability-config";
import type { ClusterSpec } from "../cluster";
import type { DataResourcesSpec, VolumeSpec } from "../../config/data-shapes";

/** Redis's resolved config: what its desired state takes. */

export interface RedisSpec {
  leaders: number;
  followers: number;
  appendOnly: boolean;
  storage: VolumeSpec;
  resources: DataResourcesSpec;
  image: string;
  exporterImage: string;
}

/** What a data service's desired state reads besides its own spec: the core and the cluster's network. */
export type DataServicePlatform = CoreSpec & { cluster: ClusterSpec };
