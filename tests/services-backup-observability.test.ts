import { strict as assert } from "node:assert";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { burnRateFactor, burnRateWindows, compactorArgs, REPLICA_LABEL, thanosComponents } from "../capabilities/observability/desired-state";
import { veleroImages } from "../capabilities/backup";
import { THANOS_IMAGE } from "../capabilities/observability";
import { stackSpec } from "./graph-support";
import { kubernetesObjects, objectsOfKind, revealSecrets, stackRun, STACKS } from "./harness";
import { BACKUP_TYPE, component, irsaRolesUnder, OBSERVABILITY_TYPE, release, roleArnPattern } from "./services-support";

/** Backup and observability under mocks for dev and prod: IRSA and the cluster's buckets, schedules and retention from config. */

const IRSA = "eks.amazonaws.com/role-arn";

for (const stack of STACKS) {
  describe(`backup (${stack}, offline)`, () => {
    let run: Awaited<ReturnType<typeof stackRun>>;
    let objects: KubernetesObject[];
    before(async () => {
      run = await stackRun(stack);
      objects = kubernetesObjects(run.resources);
    });

    it("Velero 12.1.0 with the AWS plugin pinned and no static credentials", () => {
      const velero = release(run, "velero");
      assert.equal(velero.inputs.version, "12.1.0");
      assert.equal(velero.inputs.values.credentials.useSecret, false);
      assert.deepEqual(velero.inputs.values.initContainers.map((c: any) => c.image), [veleroImages.awsPlugin]);
      assert.equal(`${velero.inputs.values.image.repository}:${velero.inputs.values.image.tag}`, veleroImages.velero);
    });

    it("an IRSA role from the helper for the velero service account, with S3 and EBS snapshot permissions, annotated on it", () => {
      const roles = irsaRolesUnder(run, component(run, BACKUP_TYPE));
      assert.deepEqual([...roles.keys()], ["system:serviceaccount:velero:velero"]);
      const role = roles.get("system:serviceaccount:velero:velero")!;
      const annotation = release(run, "velero").inputs.values.serviceAccount.server.annotations[IRSA];
      assert.match(annotation, roleArnPattern(role));
      const policy = run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.parent === role.parent)!;
      const actions = JSON.parse(String(policy.inputs.policy)).Statement.flatMap((s: any) => s.Action);
      for (const a of ["s3:PutObject", "s3:DeleteObject", "ec2:CreateSnapshot", "ec2:DeleteSnapshot"]) assert.ok(actions.includes(a), a);
    });

    it("the storage location is the cluster's backups bucket", () => {
      const bsl = objectsOfKind<any>(objects, "BackupStorageLocation");
      assert.equal(bsl.length, 1);
      assert.equal(bsl[0].spec.objectStorage.bucket, (run.outputs.cluster as any).buckets.backups);
      assert.equal(bsl[0].spec.config.region, "eu-west-1");
      assert.equal(objectsOfKind<any>(objects, "VolumeSnapshotLocation").length, 1);
    });

    it("the schedules equal the config", () => {
      const schedules = objectsOfKind<any>(objects, "Schedule");
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      assert.deepEqual(
        schedules.map((s) => ({ name: s.metadata.name, schedule: s.spec.schedule, ttl: s.spec.template.ttl, ns: s.spec.template.includedNamespaces })).sort(byName),
        stackSpec(stack).backup.schedules.map((s) => ({ name: s.name, schedule: s.schedule, ttl: s.ttl, ns: s.includedNamespaces })).sort(byName),
      );
      assert.equal(schedules.length, 2);
    });

    it("the custom resources wait for Velero's release (their CRDs) only", () => {
      const velero = release(run, "velero");
      const kubernetesDeps = (r: { dependsOn: string[] }) => r.dependsOn.filter((u) => u.includes("$kubernetes:"));
      for (const r of run.resources.filter((r) => ["Schedule", "BackupStorageLocation", "VolumeSnapshotLocation"].includes((r.inputs as any).kind))) {
        // Besides the release, only what they name by value (the bucket).
        assert.deepEqual(kubernetesDeps(r), [velero.urn], r.urn);
      }
    });
  });

  describe(`observability (${stack}, offline)`, () => {
    let run: Awaited<ReturnType<typeof stackRun>>;
    let objects: KubernetesObject[];
    before(async () => {
      run = await stackRun(stack);
      objects = kubernetesObjects(run.resources);
    });

    it("kube-prometheus-stack 88.5.3: Prometheus replicas and external labels, the upstream Thanos sidecar, Alertmanager replicas", () => {
      const spec = stackSpec(stack).observability;
      const values = release(run, "kube-prometheus-stack").inputs.values;
      assert.equal(release(run, "kube-prometheus-stack").inputs.version, "88.5.3");
      const p = values.prometheus.prometheusSpec;
      assert.equal(p.replicas, stack === "prod" ? 2 : 1);
      assert.equal(p.replicas, spec.prometheus.replicas);
      assert.equal(p.retention, spec.prometheus.retention);
      assert.deepEqual(Object.keys(p.externalLabels).sort(), ["cluster", "stack"]);
      assert.equal(p.externalLabels.stack, stack);
      assert.equal(p.replicaExternalLabelName, REPLICA_LABEL);
      assert.equal(p.thanos.image, THANOS_IMAGE);
      assert.deepEqual(p.nodeSelector, { "strata.io/node-pool": "stateful" }, "metrics storage never on spot");
      assert.equal(values.alertmanager.alertmanagerSpec.replicas, stack === "prod" ? 3 : 1);
      assert.match(values.grafana.sidecar.datasources.url, /thanos-query/);
    });

    it("IRSA roles from the helper for the sidecar, store gateway and compactor, each bound to its service account", () => {
      const roles = irsaRolesUnder(run, component(run, OBSERVABILITY_TYPE));
      assert.deepEqual([...roles.keys()].sort(), [
        "system:serviceaccount:monitoring:prometheus",
        "system:serviceaccount:monitoring:thanos-compact",
        "system:serviceaccount:monitoring:thanos-store",
      ]);
      const sidecarAnnotation = release(run, "kube-prometheus-stack").inputs.values.prometheus.serviceAccount.annotations[IRSA];
      assert.match(sidecarAnnotation, roleArnPattern(roles.get("system:serviceaccount:monitoring:prometheus")!));
      for (const [sa, account] of [["thanos-store", thanosComponents.store.serviceAccount], ["thanos-compact", thanosComponents.compactor.serviceAccount]]) {
        const object = objectsOfKind<any>(objects, "ServiceAccount").find((a) => a.metadata.name === account && a.metadata.namespace === "monitoring");
        assert.match(object.metadata.annotations[IRSA], roleArnPattern(roles.get(`system:serviceaccount:monitoring:${sa}`)!));
      }
    });

    it("the objstore config is the cluster's metrics bucket, credentials from the SDK (aws_sdk_auth), no keys", () => {
      const configMap = revealSecrets(objectsOfKind<any>(objects, "ConfigMap").find((s) => s.metadata.name === "thanos-objstore"));
      const config = JSON.parse(configMap.data["objstore.yml"]);
      assert.deepEqual(config, { type: "S3", config: { bucket: (run.outputs.cluster as any).buckets.metrics, endpoint: "s3.eu-west-1.amazonaws.com", region: "eu-west-1", aws_sdk_auth: true } });
      // No credential in it, so a ConfigMap (a render writes it as it is); the sidecar, store and compactor mount it.
      assert.equal(objectsOfKind<any>(objects, "Secret").filter((s) => s.metadata.namespace === "monitoring").length, 0);
      const p = release(run, "kube-prometheus-stack").inputs.values.prometheus.prometheusSpec;
      assert.equal(p.thanos.objectStorageConfigFile, "/etc/thanos/objstore.yml");
      const volume = p.volumes.find((v: any) => v.configMap);
      assert.deepEqual(volume.configMap, { name: "thanos-objstore" });
      assert.deepEqual(p.thanos.volumeMounts, [{ name: volume.name, mountPath: "/etc/thanos", readOnly: true }]);
      for (const name of ["thanos-store", "thanos-compact"]) {
        const pod = objectsOfKind<any>(objects, "StatefulSet").find((s) => s.metadata.name === name).spec.template.spec;
        assert.deepEqual(pod.volumes.find((v: any) => v.name === "objstore").configMap, { name: "thanos-objstore" });
      }
    });

    it("exactly one compactor, with the configured retention per resolution", () => {
      const compactors = objectsOfKind<any>(objects, "StatefulSet").filter((s) => s.spec.template.spec.containers[0].args?.[0] === "compact");
      assert.equal(compactors.length, 1);
      assert.equal(compactors[0].spec.replicas, 1);
      const args: string[] = compactors[0].spec.template.spec.containers[0].args;
      const r = stackSpec(stack).observability.thanos.retention;
      assert.ok(args.includes(`--retention.resolution-raw=${r.raw}`) && args.includes(`--retention.resolution-5m=${r.fiveMinutes}`) && args.includes(`--retention.resolution-1h=${r.oneHour}`));
      assert.deepEqual(args, compactorArgs(stackSpec(stack).observability));
    });

    it("Thanos query deduplicates on the replica label, HA in prod", () => {
      const query = objectsOfKind<any>(objects, "Deployment").find((d) => d.metadata.name === thanosComponents.query.name);
      assert.equal(query.spec.replicas, stack === "prod" ? 2 : 1);
      assert.ok(query.spec.template.spec.containers[0].args.includes(`--query.replica-label=${REPLICA_LABEL}`));
      for (const w of [...objectsOfKind<any>(objects, "Deployment"), ...objectsOfKind<any>(objects, "StatefulSet")].filter((d) => d.metadata.namespace === "monitoring")) {
        assert.equal(w.spec.template.spec.containers[0].image, THANOS_IMAGE);
      }
    });

    it("a ServiceMonitor for every application layer, a PodMonitor for every data service in use", () => {
      const spec = stackSpec(stack);
      const serviceMonitors = objectsOfKind<any>(objects, "ServiceMonitor");
      for (const layer of spec.layers) {
        const sm = serviceMonitors.find((m) => m.spec.namespaceSelector.matchNames.includes(layer.name));
        assert.ok(sm, `${layer.name} is not scraped`);
        assert.equal(sm.spec.endpoints[0].scheme, "https", "meshed pods are scraped with Prometheus's mesh certificate");
      }
      const podMonitors = objectsOfKind<any>(objects, "PodMonitor").flatMap((m) => m.spec.namespaceSelector.matchNames);
      for (const service of ["kafka", "postgres", "redis"]) {
        if (spec.layers.some((l) => (l.dataServices as any)[service])) assert.ok(podMonitors.includes(service), service);
      }
    });

    it("rules: the seeds' alerts and burn-rate alerts against the configured SLO", () => {
      const slo = stackSpec(stack).observability.slo;
      const rules = objectsOfKind<any>(objects, "PrometheusRule").flatMap((r) => r.spec.groups.flatMap((g: any) => g.rules));
      const alerts = new Set(rules.map((r: any) => r.alert).filter(Boolean));
      for (const a of ["PodCrashLooping", "KafkaConsumerLagHigh", "LayerErrorRateHigh", "LayerLatencyHigh", "ContainerMemoryPressure", "BackupFailed"]) assert.ok(alerts.has(a), a);
      const burn = rules.filter((r: any) => r.alert === "LayerErrorBudgetBurn");
      assert.equal(burn.length, 4);
      const budget = Number((1 - slo.availability).toPrecision(6));
      assert.match(burn[0].expr, new RegExp(`> \\(14\\.4 \\* ${String(budget).replace(".", "\\.")}\\)`));
      assert.equal(slo.availability, stack === "prod" ? 0.9999 : 0.999);
    });
  });
}

describe("burn-rate factors", () => {
  it("are the SRE workbook's for a 30-day SLO and scale with the period", () => {
    assert.deepEqual(burnRateWindows.map((w) => burnRateFactor(w, "30d")), [14.4, 6, 3, 1]);
    assert.deepEqual(burnRateWindows.map((w) => burnRateFactor(w, "7d")), [3.36, 1.4, 0.7, 0.2333]);
  });
});
