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
