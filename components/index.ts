// The component library: each capability's components, the Platform that composes them, and the shared building blocks.
export { ApplicationLayer, type ApplicationLayerArgs } from "../capabilities/application-layers";
export { Backup, type BackupArgs } from "../capabilities/backup";
export { Cluster, ExistingCluster, type ClusterArgs, type ClusterLayer, type ExistingClusterArgs } from "../capabilities/cluster";
export { KafkaLayer, type KafkaLayerArgs, type KafkaOutputs } from "../capabilities/kafka";
export { Mesh, type MeshArgs } from "../capabilities/mesh";
export { NvidiaDevicePlugin, type NvidiaDevicePluginArgs } from "../capabilities/nvidia-device-plugin";
export { Observability, type ObservabilityArgs } from "../capabilities/observability";
export { PostgresLayer, type PostgresLayerArgs, type PostgresOutputs } from "../capabilities/postgres";
export { RedisLayer, type RedisLayerArgs, type RedisOutputs } from "../capabilities/redis";
export { Platform, type PlatformArgs } from "../stack/platform";
export { HardenedBucket, type HardenedBucketArgs } from "./hardened-bucket";
export { helmRelease } from "./helm-release";
export { IrsaRole, type IrsaRoleArgs, type OidcProviderRef } from "./irsa";
export { registerKubernetesObjects, resourceName } from "./kubernetes-objects";
