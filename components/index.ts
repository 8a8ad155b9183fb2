export { ApplicationLayer, type ApplicationLayerArgs } from "./application-layer";
export { Platform, type PlatformArgs } from "./platform";
export { registerKubernetesObjects, resourceName } from "./kubernetes-objects";
export {
  Cluster,
  ExistingCluster,
  HardenedBucket,
  IrsaRole,
  type ClusterArgs,
  type ClusterLayer,
  type HardenedBucketArgs,
  type IrsaRoleArgs,
  type OidcProviderRef,
} from "./cluster";
export { KafkaLayer, type KafkaLayerArgs, type KafkaOutputs } from "./kafka";
export { PostgresLayer, type PostgresLayerArgs, type PostgresOutputs } from "./postgres";
export { RedisLayer, type RedisLayerArgs, type RedisOutputs } from "./redis";
export { helmRelease } from "./helm-release";
