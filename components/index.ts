export { ApplicationLayer, type ApplicationLayerArgs } from "../capabilities/application-layers/component";
export { Platform, type PlatformArgs } from "../stack/platform";
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
} from "../capabilities/cluster/component";
export { KafkaLayer, type KafkaLayerArgs, type KafkaOutputs } from "../capabilities/kafka/component";
export { PostgresLayer, type PostgresLayerArgs, type PostgresOutputs } from "../capabilities/postgres/component";
export { RedisLayer, type RedisLayerArgs, type RedisOutputs } from "../capabilities/redis/component";
export { helmRelease } from "./helm-release";
