import type { CoreSpec } from "../../config/capability-config";
import type { CredentialsSpec } from "../credentials";
import type { GitOpsSpec } from "../gitops";
import type { MeshSpec } from "../mesh";
import type { SecretsSpec } from "../secrets";

/**
 * What an application layer's objects read of the platform: the other layers, the mesh's routes, where Secrets
 * come from, how its data services' credentials reach its container (absent: no credentials capability deployed).
 */
export type ApplicationLayersPlatform = CoreSpec & { mesh: MeshSpec; secrets: SecretsSpec; gitops: GitOpsSpec; credentials?: CredentialsSpec };
