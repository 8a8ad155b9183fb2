import type { CoreSpec } from "../../config/capability-config";
import type { GitOpsSpec } from "../gitops";
import type { MeshSpec } from "../mesh";
import type { SecretsSpec } from "../secrets";

/** What an application layer's objects read of the platform: the other layers, the mesh's routes, where Secrets come from. */
export type ApplicationLayersPlatform = CoreSpec & { mesh: MeshSpec; secrets: SecretsSpec; gitops: GitOpsSpec };
