import type { PlacementSpec } from "../../config/layers/spec";
import type { ObservabilitySpec } from "./spec";
import { labelKeys, PART_OF, MANAGED_BY } from "../../platform/labels";
import { THANOS_IMAGE } from "./pins";
import { podPlacement, type NodePool } from "../../platform/placement";
import { IRSA_ROLE_ANNOTATION } from "../../manifests/aws-iam";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { spreadConstraints } from "../../manifests/topology";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import {
  MONITORING_NAMESPACE,
  OBJSTORE_KEY,
  OBJSTORE_CONFIG_MAP,
  OBJSTORE_DIR,
  REPLICA_LABEL,
  SIDECAR_DISCOVERY_SERVICE,
  thanosComponents,
  thanosPorts,
  type ThanosComponent,
} from "./names";

/**
 * Thanos query, store gateway and compactor, rendered from Strata's own desired state with the upstream
 * image (no vendor chart): plain Deployments, StatefulSets and Services on the restricted profile.
 */

export interface ThanosRoles<V> {
  storeGateway: V;
  compactor: V;
}

const DATA_DIR = "/var/thanos";

export function thanosSelector(component: ThanosComponent): Record<string, string> {
  return { [labelKeys.name]: thanosComponents[component].name, [labelKeys.component]: component };
}

function thanosLabels(component: ThanosComponent, labels: Record<string, string>): Record<string, string> {
  return { ...labels, ...thanosSelector(component), [labelKeys.partOf]: PART_OF, [labelKeys.managedBy]: MANAGED_BY };
}

function meta(component: ThanosComponent, labels: Record<string, string>) {
  return { name: thanosComponents[component].name, namespace: MONITORING_NAMESPACE, labels: thanosLabels(component, labels) };
}

function serviceAccount(component: ThanosComponent, labels: Record<string, string>, roleArn?: unknown): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { ...meta(component, labels), name: thanosComponents[component].serviceAccount, ...(roleArn !== undefined ? { annotations: { [IRSA_ROLE_ANNOTATION]: roleArn as string } } : {}) },
    automountServiceAccountToken: false,
  };
}

function service(component: ThanosComponent, labels: Record<string, string>, headless: boolean): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(component, labels),
    spec: {
      ...(headless ? { clusterIP: "None" } : { type: "ClusterIP" }),
      selector: thanosSelector(component),
      ports: [
        { name: "grpc", port: thanosPorts.grpc, targetPort: "grpc", protocol: "TCP" },
        { name: "http", port: thanosPorts.http, targetPort: "http", protocol: "TCP" },
      ],
    },
  };
}

function podSpec(component: ThanosComponent, args: string[], pool: NodePool, placement: PlacementSpec, resources: object, volumes: { objstore: boolean; data: boolean }) {
  const { nodeSelector, tolerations } = podPlacement(pool);
  return {
    serviceAccountName: thanosComponents[component].serviceAccount,
    // The web-identity token is projected by EKS; the Kubernetes API token is not needed.
    automountServiceAccountToken: false,
    securityContext: restrictedPodSecurityContext(),
    nodeSelector,
    tolerations,
    topologySpreadConstraints: spreadConstraints(thanosSelector(component), placement).map(({ matchLabelKeys: _m, ...c }) => c),
    containers: [
      {
        name: component,
        image: THANOS_IMAGE,
        args,
        ports: [
          { name: "grpc", containerPort: thanosPorts.grpc, protocol: "TCP" },
          { name: "http", containerPort: thanosPorts.http, protocol: "TCP" },
        ],
        readinessProbe: { httpGet: { path: "/-/ready", port: "http" }, periodSeconds: 10 },
        livenessProbe: { httpGet: { path: "/-/healthy", port: "http" }, periodSeconds: 30 },
        resources,
        securityContext: restrictedContainerSecurityContext(),
        volumeMounts: [
          { name: "tmp", mountPath: "/tmp" },
          ...(volumes.objstore ? [{ name: "objstore", mountPath: OBJSTORE_DIR, readOnly: true }] : []),
          ...(volumes.data ? [{ name: "data", mountPath: DATA_DIR }] : []),
        ],
      },
    ],
    volumes: [{ name: "tmp", emptyDir: {} }, ...(volumes.objstore ? [{ name: "objstore", configMap: { name: OBJSTORE_CONFIG_MAP } }] : [])],
  };
}

const res = (cpu: string, memory: string, limit: string) => ({ requests: { cpu, memory }, limits: { memory: limit } });
const common = [`--http-address=0.0.0.0:${thanosPorts.http}`, `--grpc-address=0.0.0.0:${thanosPorts.grpc}`, "--log.format=json"];
const objstoreFlag = `--objstore.config-file=${OBJSTORE_DIR}/${OBJSTORE_KEY}`;

function volumeClaim(size: string) {
  return { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } } };
}

function pdb(component: ThanosComponent, labels: Record<string, string>): KubernetesObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta(component, labels),
    spec: { maxUnavailable: 1, selector: { matchLabels: thanosSelector(component) }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
  };
}

/** The compactor's flags: where, and the retention of each resolution (config). */
export function compactorArgs(spec: ObservabilitySpec): string[] {
  const r = spec.thanos.retention;
  return [
    "compact",
    ...common.filter((a) => !a.startsWith("--grpc")),
    objstoreFlag,
    `--data-dir=${DATA_DIR}`,
    // Run continuously; compaction and downsampling need exactly one compactor per bucket.
    "--wait",
    `--retention.resolution-raw=${r.raw}`,
    `--retention.resolution-5m=${r.fiveMinutes}`,
    `--retention.resolution-1h=${r.oneHour}`,
  ];
}

/** The query's flags: both Prometheus replicas' sidecars and the store gateway, deduplicated on the replica label. */
export function queryArgs(): string[] {
  const svc = (name: string) => `dnssrv+_grpc._tcp.${name}.${MONITORING_NAMESPACE}.svc.cluster.local`;
  return ["query", ...common, `--query.replica-label=${REPLICA_LABEL}`, `--endpoint=${svc(SIDECAR_DISCOVERY_SERVICE)}`, `--endpoint=${svc(thanosComponents.store.name)}`];
}

export function thanosObjects<V>(spec: ObservabilitySpec, roles: ThanosRoles<V>, labels: Record<string, string>, placement: PlacementSpec): KubernetesObject[] {
  const t = spec.thanos;
  const template = (component: ThanosComponent, pod: object) => ({ metadata: { labels: thanosLabels(component, labels) }, spec: pod });
  const query: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta("query", labels),
    spec: {
      replicas: t.queryReplicas,
      selector: { matchLabels: thanosSelector("query") },
      template: template("query", podSpec("query", queryArgs(), "system", placement, res("200m", "512Mi", "1Gi"), { objstore: false, data: false })),
    },
  };
  const store: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta("store", labels),
    spec: {
      replicas: t.storeGateway.replicas,
      serviceName: thanosComponents.store.name,
      selector: { matchLabels: thanosSelector("store") },
      template: template("store", podSpec("store", ["store", ...common, objstoreFlag, `--data-dir=${DATA_DIR}`], "stateful", placement, res("250m", "1Gi", "2Gi"), { objstore: true, data: true })),
      volumeClaimTemplates: [volumeClaim(t.storeGateway.storageSize)],
    },
  };
  const compactor: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta("compactor", labels),
    spec: {
      // Exactly one: two compactors on one bucket corrupt it.
      replicas: 1,
      serviceName: thanosComponents.compactor.name,
      selector: { matchLabels: thanosSelector("compactor") },
      template: template("compactor", podSpec("compactor", compactorArgs(spec), "stateful", placement, res("500m", "2Gi", "4Gi"), { objstore: true, data: true })),
      volumeClaimTemplates: [volumeClaim(t.compactor.storageSize)],
    },
  };
  return [
    serviceAccount("query", labels),
    serviceAccount("store", labels, roles.storeGateway),
    serviceAccount("compactor", labels, roles.compactor),
    query,
    service("query", labels, false),
    store,
    service("store", labels, true),
    compactor,
    service("compactor", labels, true),
    ...(t.queryReplicas > 1 ? [pdb("query", labels)] : []),
    ...(t.storeGateway.replicas > 1 ? [pdb("store", labels)] : []),
  ];
}

