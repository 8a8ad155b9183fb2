import type { PlacementSpec } from "../../config/layers/spec";
import type { ObservabilitySpec } from "./spec";
import type { StackIdentity } from "../../manifests/layer-desired-state";
import { podPlacement } from "../../platform/placement";
import { kubePrometheusStackPin, THANOS_IMAGE, THANOS_VERSION } from "./pins";
import { PROMETHEUS_MESH_CERTS_DIR, PROMETHEUS_SERVICE_ACCOUNT } from "../../platform/monitoring";
import { platformNamespaces } from "../../platform/namespaces";
import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import { restrictedContainerSecurityContext } from "../../manifests/security-context";
import type { HelmChartSpec } from "../../manifests/helm-chart";
import { GRAFANA_NAME, MONITORING_NAMESPACE, OBJSTORE_CONFIG_MAP, OBJSTORE_DIR, OBJSTORE_KEY, REPLICA_LABEL, STACK_RELEASE, thanosQueryUrl } from "./names";

/** Who and where the stack runs: the external labels every series carries into Thanos. */
const PROMETHEUS_UID = 1000;
const PROMETHEUS_GID = 2000;

/** Where the Istio sidecar writes the workload certificate and where Prometheus reads it. */
const ISTIO_OUTPUT_CERTS = "/etc/istio-output-certs";
const MESH_CERTS_VOLUME = "istio-certs";

/**
 * Prometheus joins the mesh only to obtain its workload certificate: the sidecar intercepts no traffic
 * (no inbound ports, no outbound ranges) and writes the certificate out; Prometheus scrapes meshed pods
 * with it directly, so a STRICT mesh sees the scrape as Prometheus's identity (Istio's documented setup).
 */
function meshCertificatePod() {
  return {
    podMetadata: {
      labels: { "sidecar.istio.io/inject": "true" },
      annotations: {
        "traffic.sidecar.istio.io/includeInboundPorts": "",
        "traffic.sidecar.istio.io/includeOutboundIPRanges": "",
        "proxy.istio.io/config": JSON.stringify({ proxyMetadata: { OUTPUT_CERTS: ISTIO_OUTPUT_CERTS } }),
        "sidecar.istio.io/userVolumeMount": JSON.stringify([{ name: MESH_CERTS_VOLUME, mountPath: ISTIO_OUTPUT_CERTS }]),
      },
    },
    volumes: [{ name: MESH_CERTS_VOLUME, emptyDir: { medium: "Memory" } }],
    volumeMounts: [{ name: MESH_CERTS_VOLUME, mountPath: PROMETHEUS_MESH_CERTS_DIR }],
  };
}

/** The Prometheus pod's volume with the objstore ConfigMap, mounted into the Thanos sidecar. */
const OBJSTORE_VOLUME = "thanos-objstore";

const podSecurityContext = (uid: number, gid: number) => ({ runAsNonRoot: true, runAsUser: uid, runAsGroup: gid, fsGroup: gid, seccompProfile: { type: "RuntimeDefault" } });

/**
 * kube-prometheus-stack (value keys: ../shared/chart-reference/kube-prometheus-stack): Prometheus with the
 * Thanos sidecar (upstream image, objstore from Strata's ConfigMap, IRSA via the service account) on the
 * stateful pool; Alertmanager and Grafana (Thanos query as its data source) and the operator on the system
 * pool; the node exporter in its own exempt namespace. Every ServiceMonitor, PodMonitor and rule in the
 * cluster is picked up (the chart's default would pick only its own). The operator's admission webhook is
 * off: rules are validated against the CRDs before deployment, and the webhook's certificate Job would run
 * an image of its own.
 */
export function kubePrometheusStackChart<V>(spec: ObservabilitySpec, identity: StackIdentity, sidecarRoleArn: V, placement: PlacementSpec): HelmChartSpec {
  const system = podPlacement("system");
  const stateful = podPlacement("stateful");
  const hard = placement.zoneSpread === "DoNotSchedule" ? "hard" : "soft";
  const restricted = restrictedContainerSecurityContext();
  const mesh = meshCertificatePod();
  const selectAll = {
    serviceMonitorSelectorNilUsesHelmValues: false,
    podMonitorSelectorNilUsesHelmValues: false,
    ruleSelectorNilUsesHelmValues: false,
    probeSelectorNilUsesHelmValues: false,
    scrapeConfigSelectorNilUsesHelmValues: false,
  };
  return {
    ...kubePrometheusStackPin,
    releaseName: STACK_RELEASE,
    includeCRDs: true,
    namespace: MONITORING_NAMESPACE,
    values: {
      fullnameOverride: STACK_RELEASE,
      crds: { enabled: true },
      prometheusOperator: {
        admissionWebhooks: { enabled: false },
        tls: { enabled: false },
        ...system,
        securityContext: podSecurityContext(65534, 65534),
        containerSecurityContext: restricted,
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
      },
      prometheus: {
        serviceAccount: { create: true, name: PROMETHEUS_SERVICE_ACCOUNT, annotations: { [IRSA_ROLE_ANNOTATION]: sidecarRoleArn } },
        thanosService: { enabled: true },
        prometheusSpec: {
          replicas: spec.prometheus.replicas,
          retention: spec.prometheus.retention,
          replicaExternalLabelName: REPLICA_LABEL,
          externalLabels: { cluster: identity.cluster, stack: identity.stack },
          ...selectAll,
          ...stateful,
          podAntiAffinity: hard,
          resources: spec.prometheus.resources,
          securityContext: podSecurityContext(PROMETHEUS_UID, PROMETHEUS_GID),
          storageSpec: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: spec.prometheus.storageSize } } } } },
          thanos: {
            image: THANOS_IMAGE,
            version: THANOS_VERSION,
            objectStorageConfigFile: `${OBJSTORE_DIR}/${OBJSTORE_KEY}`,
            volumeMounts: [{ name: OBJSTORE_VOLUME, mountPath: OBJSTORE_DIR, readOnly: true }],
          },
          ...mesh,
          volumes: [...mesh.volumes, { name: OBJSTORE_VOLUME, configMap: { name: OBJSTORE_CONFIG_MAP } }],
        },
      },
      alertmanager: {
        alertmanagerSpec: {
          replicas: spec.alertmanager.replicas,
          ...system,
          podAntiAffinity: hard,
          securityContext: podSecurityContext(PROMETHEUS_UID, PROMETHEUS_GID),
          resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        },
        podDisruptionBudget: { enabled: spec.alertmanager.replicas > 1, minAvailable: 1 },
      },
      grafana: {
        fullnameOverride: GRAFANA_NAME,
        ...system,
        // The admin password is generated by the chart into a Secret in the cluster: it never passes through config or state.
        testFramework: { enabled: false },
        resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        sidecar: { datasources: { defaultDatasourceEnabled: true, isDefaultDatasource: true, name: "Thanos", uid: "thanos", url: thanosQueryUrl } },
      },
      // EKS runs the control plane: its controller manager, scheduler and etcd cannot be scraped, and
      // kube-proxy's metrics listen on the nodes' loopback. Neither their targets nor their rules are made.
      kubeControllerManager: { enabled: false },
      kubeScheduler: { enabled: false },
      kubeEtcd: { enabled: false },
      kubeProxy: { enabled: false },
      defaultRules: { rules: { etcd: false, kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, kubeProxy: false } },
      "kube-state-metrics": { ...system, securityContext: podSecurityContext(65534, 65534), containerSecurityContext: restricted },
      "prometheus-node-exporter": {
        namespaceOverride: platformNamespaces.nodeExporter,
        // On every node, whatever its taints.
        tolerations: [{ operator: "Exists" }],
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
      },
    },
  };
}
