import { platformNamespaces } from "../../platform/namespaces";
import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { s3Endpoint } from "../../manifests/aws-iam";
import { cluster } from "../cluster";
import { mesh } from "../mesh";
import { observabilityIssues } from "./checks";
import type { Observability } from "./component";
import { observabilityDesiredState, thanosRoleNames } from "./desired-state";
import { NODE_EXPORTER_EXEMPTION } from "./namespaces";
import { observabilityProfileDefaults } from "./defaults";
import { kubePrometheusStackPin, prometheusAdapterImage, prometheusAdapterPin, THANOS_IMAGE } from "./pins";
import { resolveObservability } from "./resolve";
import { observabilitySchema } from "./schema";
import type { ObservabilityPlatform, ObservabilitySpec } from "./spec";

export type { Observability, ObservabilityArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const observabilityComponents = (): typeof import("./component") => require("./component");
export * from "./desired-state";
export { kubePrometheusStackPin, prometheusAdapterImage, prometheusAdapterPin, THANOS_IMAGE, THANOS_VERSION } from "./pins";
export type * from "./spec";

/** Where the platform's metrics are (the stack's `observability` output). */
export interface ObservabilityOutputs {
  /** Thanos query's in-cluster URL (Prometheus HTTP API, deduplicated across replicas, with history from S3). */
  thanosQueryUrl: string;
  /** Grafana's in-cluster URL. */
  grafanaUrl: string;
  /** The bucket Thanos keeps metric blocks in. */
  metricsBucketName: string;
}


function platformOf(spec: ObservabilitySpec, context: LayerObjectsContext): ObservabilityPlatform {
  return { ...context.platform, cluster: context.resolved.of(cluster)!, observability: spec };
}

/**
 * Prometheus (HA, with the Thanos sidecar), Alertmanager and Grafana from kube-prometheus-stack; Thanos
 * query, store gateway and compactor from Strata's own desired state, on S3 through IRSA; monitors for
 * every layer and data service, the seeds' alert rules and SLO burn-rate rules; the Prometheus adapter
 * behind the autoscalers' metrics APIs when the stack needs it.
 */
export const observability = defineCapability({
  name: "observability",
  summary: "Prometheus HA with Thanos on S3, Alertmanager and Grafana; monitors, alert and SLO rules; the metrics adapter for autoscalers",
  config: { key: "observability", schema: observabilitySchema },
  defaults: observabilityProfileDefaults,
  // Backup: its Velero is among what monitoring scrapes.
  needs: ["cluster", "mesh", "backup"],
  namespaces: [
    { name: platformNamespaces.monitoring },
    { name: platformNamespaces.nodeExporter, exemptions: [{ rule: "namespace-restricted-pod-security", kind: "Namespace", reason: NODE_EXPORTER_EXEMPTION }] },
  ],
  charts: [kubePrometheusStackPin, prometheusAdapterPin],
  images: [THANOS_IMAGE, `${prometheusAdapterImage.repository}:${prometheusAdapterImage.tag}`],
  crdGroups: ["monitoring.coreos.com"],
  checks: observabilityIssues,
  resolve: ({ input, profile, awsRegion, resolved }): ObservabilitySpec => resolveObservability(input ?? {}, profile, resolved.of(cluster)!.mode, awsRegion),
  desiredState(spec, context) {
    const { cloud } = context;
    const region = spec.thanos.region ?? cloud.region();
    const configured = spec.thanos.roleArns;
    const plan = observabilityDesiredState(platformOf(spec, context), context.identity, {
      bucket: cloud.bucketName("metrics"),
      region,
      endpoint: s3Endpoint(region),
      sidecar: configured?.sidecar ?? cloud.roleArn(thanosRoleNames.sidecar),
      storeGateway: configured?.storeGateway ?? cloud.roleArn(thanosRoleNames.storeGateway),
      compactor: configured?.compactor ?? cloud.roleArn(thanosRoleNames.compactor),
      encode: (config) => JSON.stringify(config),
    });
    const adapter = plan.metricsAdapter;
    return [
      {
        name: "observability",
        helmCharts: [plan.chart, ...(adapter ? [adapter.chart] : [])],
        objects: [...plan.prerequisites, ...(adapter?.policies ?? []), ...plan.workloads, ...plan.customResources],
      },
    ];
  },
  deploy(spec, context): Observability {
    const nodes = context.handle(cluster)!;
    return new (observabilityComponents().Observability)(
      "observability",
      {
        platform: platformOf(spec, context),
        cluster: nodes,
        identity: context.identity,
        provider: nodes.kubernetesProvider,
        awsProvider: context.awsProvider,
        nodeGroupsOf: (pool) => nodes.nodeGroupsOf(pool),
        meshInjector: context.handle(mesh)!.injector,
      },
      { parent: context.parent },
    );
  },
  crdInstaller: (handle) => handle.release,
  outputs: (handle) => ({
    observability: pulumiSdk().output({ thanosQueryUrl: handle.thanosQueryUrl, grafanaUrl: handle.grafanaUrl, metricsBucketName: handle.bucketName }),
  }),
});
