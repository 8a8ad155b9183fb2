import type { HelmChartSpec } from "../../manifests/helm-chart";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { externalDnsChart } from "./chart";
import { dnsNamespaceObjects } from "./namespace";
import type { DnsPlatform } from "./spec";

/** external-dns's desired state: its namespace and network rules, then its release. */
export interface DnsPlan {
  prerequisites: KubernetesObject[];
  chart: HelmChartSpec;
}

export function dnsDesiredState<V>(platform: DnsPlatform, txtOwnerId: string, roleArn: V): DnsPlan {
  return { prerequisites: dnsNamespaceObjects(platform.cluster.vpcCidr), chart: externalDnsChart(platform.dns, txtOwnerId, roleArn) };
}
