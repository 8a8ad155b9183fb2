export { ApplicationLayer, type ApplicationLayerArgs } from "./application-layer";
export { Platform, type PlatformArgs } from "./platform";
export { registerKubernetesObjects, resourceName } from "./kubernetes-objects";
