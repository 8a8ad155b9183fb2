import type { ApplicationLayerSpec } from "./layers/spec";
import type { Profile } from "./profiles";
import type { CheckContext } from "./capability-config";
import type { ConfigIssue } from "./issues";
import { dataServicesUsedBy, type DataServiceName } from "../platform/data-services";
import { asArray, isObject, isString, type Raw } from "./raw";

/**
 * What the three data services' (Kafka, Postgres, Redis) config has in common: each is deployed when a
 * layer uses it (`layers[i].dataServices.<service>`) unless `<service>.enabled` says otherwise, and a layer
 * may neither use nor wait for (`dependsOn`) one that is not deployed.
 */

/** A data service's raw section (`{}` when absent or malformed). */
export function serviceSection(raw: Raw, service: DataServiceName): Raw {
  return isObject(raw[service]) ? (raw[service] as Raw) : {};
}

function layerUses(layer: unknown, service: DataServiceName): boolean {
  return isObject(layer) && isObject(layer.dataServices) && layer.dataServices[service] !== undefined;
}

/** Whether a data service is deployed, from raw config: as `<service>.enabled` says, else when some layer uses it. */
export function dataServiceDeployed(raw: Raw, service: DataServiceName, layers: unknown[]): boolean {
  const configured = serviceSection(raw, service).enabled;
  return typeof configured === "boolean" ? configured : layers.some((l) => layerUses(l, service));
}

/** Whether a data service is deployed, from resolved config. */
export function dataServiceEnabled(service: DataServiceName, section: { enabled?: boolean } | undefined, layers: { dataServices: Partial<Record<DataServiceName, unknown>> }[]): boolean {
  return section?.enabled ?? dataServicesUsedBy(layers).includes(service);
}

/** The layers' references to a data service that is not deployed: a use of one turned off, a `dependsOn` on one not deployed. */
export function dataServiceReferenceIssues(service: DataServiceName, { raw, layers }: CheckContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const turnedOff = serviceSection(raw, service).enabled === false;
  const deployed = dataServiceDeployed(raw, service, layers);
  layers.forEach((layer, i) => {
    if (!isObject(layer)) return;
    if (turnedOff && layerUses(layer, service)) {
      issues.push({ path: `layers[${i}].dataServices.${service}`, message: `${service} is turned off (${service}.enabled: false): a layer cannot use it` });
    }
    if (deployed) return;
    const entries = asArray(layer.dependsOn);
    entries.forEach((name, j) => {
      // A repeated entry is the layer's own issue (config/layers/startup-order-checks.ts).
      if (name !== service || entries.indexOf(name) !== j || !isString(name)) return;
      issues.push({
        path: `layers[${i}].dependsOn[${j}]`,
        message: turnedOff
          ? `${service} is turned off (${service}.enabled: false): a layer cannot wait for it`
          : `${service} is not deployed: no layer uses it (add dataServices.${service} to a layer, or set ${service}.enabled: true)`,
      });
    });
  });
  return issues;
}

/** What a data service's resolve reads besides its own section. */
export interface DataResolveContext {
  profile: Profile;
  clusterMode: "eks" | "existing";
  /** The class of the encrypted volumes on a cluster Strata made (the cluster's StorageClass). */
  defaultStorageClass: string;
  layers: ApplicationLayerSpec[];
  /** The layers are the default set (which comes with seed 001's topics and pgvector). */
  defaultLayers: boolean;
}

/** The configured class; else Strata's encrypted class on an EKS cluster it made, the cluster's own default on an existing one. */
export function storageClassOf(configured: string | undefined, context: DataResolveContext): string | undefined {
  return configured ?? (context.clusterMode === "eks" ? context.defaultStorageClass : undefined);
}
