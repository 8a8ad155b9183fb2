import type { IContainer } from "kubernetes-models/v1/Container";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { dataServiceEndpoints } from "../../platform/data-services";
import { podPlacement } from "../../platform/placement";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import { applicationLayerNames } from "../../manifests/layer-names";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../../manifests/security-context";
import { userSecretName } from "../postgres";
import { ROTATION_STEP_RESOURCES } from "./defaults";
import { declaredServices } from "./layer-objects";
import { credentialsLabels, credentialsSecretName, EXTERNAL_SECRETS_NAMESPACE, ROTATION_ACCOUNT, rotationJobName } from "./names";
import { KUBECTL_IMAGE } from "./pins";
import type { CredentialsSpec } from "./spec";

/**
 * Password rotation where the operator rotates: PGO generates a new password (and SCRAM verifier, and sets it
 * on the role) for a user whose Secret has no `password`. A CronJob in the operator's namespace, on the
 * configured schedule, runs one kubectl step after another (init containers run in order, each only after
 * the previous one succeeded):
 * 1. remove `password` from every layer user's Secret (`strata-pguser-<layer>`);
 * 2. wait until PGO has written new ones;
 * 3. per layer that reads Postgres: delete its `postgres-credentials` (External Secrets writes it again at once,
 *    from the new password) and wait until it is back;
 * 4. per layer with `env` delivery: restart its Deployment (variables are read when a container starts);
 *    `file` delivery needs no restart: the kubelet refreshes the mounted files, the application re-reads them.
 * Connections already open keep working (Postgres checks a password at login only); a pod that logs in
 * between step 1 and its restart (or its files' refresh) with the old password is refused and must retry.
 */

function step(name: string, args: string[]): IContainer {
  return {
    name,
    image: KUBECTL_IMAGE,
    imagePullPolicy: "IfNotPresent",
    args,
    // kubectl keeps its discovery cache under $HOME: the root filesystem is read-only.
    env: [{ name: "HOME", value: "/tmp" }],
    resources: structuredClone(ROTATION_STEP_RESOURCES),
    securityContext: restrictedContainerSecurityContext(),
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

/** The layers that read Postgres in this stack. */
function postgresReaders(layers: ApplicationLayerSpec[], spec: CredentialsSpec): ApplicationLayerSpec[] {
  return layers.filter((l) => declaredServices(l, spec).includes("postgres"));
}

/** The steps of one run, in order. */
export function rotationSteps(layers: ApplicationLayerSpec[], spec: CredentialsSpec): IContainer[] {
  const readers = postgresReaders(layers, spec);
  const postgresNs = dataServiceEndpoints.postgres.namespace;
  const users = readers.map((l) => userSecretName(l.name));
  const secret = credentialsSecretName("postgres");
  return [
    step("rotate", ["patch", "secret", `--namespace=${postgresNs}`, ...users, "--type=merge", '--patch={"data":{"password":null}}']),
    step("await-new-passwords", ["wait", `--namespace=${postgresNs}`, "--for=jsonpath={.data.password}", "--timeout=10m", ...users.map((u) => `secret/${u}`)]),
    ...readers.flatMap((layer) => {
      const { namespace, workload } = applicationLayerNames(layer);
      return [
        step(`refresh-${layer.name}`, ["delete", "secret", `--namespace=${namespace}`, secret]),
        step(`await-${layer.name}`, ["wait", `--namespace=${namespace}`, "--for=create", "--timeout=10m", `secret/${secret}`]),
        ...(spec.delivery[layer.name] === "env" ? [step(`restart-${layer.name}`, ["rollout", "restart", `--namespace=${namespace}`, `deployment/${workload}`])] : []),
      ];
    }),
  ];
}

/** The CronJob: steps as init containers (in order), the last one as its container. */
function rotationCronJob(schedule: string, steps: IContainer[]): KubernetesObject {
  const { nodeSelector, tolerations } = podPlacement("system");
  const initContainers = steps.slice(0, -1);
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: rotationJobName("postgres"), namespace: EXTERNAL_SECRETS_NAMESPACE, labels: credentialsLabels },
    spec: {
      schedule,
      timeZone: "Etc/UTC",
      // A run that has not finished is never joined by another: two would rotate twice.
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 3600,
          template: {
            metadata: { labels: { ...credentialsLabels } },
            spec: {
              serviceAccountName: ROTATION_ACCOUNT,
              automountServiceAccountToken: true,
              restartPolicy: "Never",
              securityContext: restrictedPodSecurityContext(),
              nodeSelector,
              tolerations,
              ...(initContainers.length ? { initContainers } : {}),
              containers: steps.slice(-1),
              volumes: [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }],
            },
          },
        },
      },
    },
  };
}

/** The rotation job's account, and its right to patch (and watch) exactly the layers' user Secrets in the postgres namespace. */
function rotationRbac(users: string[]): KubernetesObject[] {
  const namespace = dataServiceEndpoints.postgres.namespace;
  const metadata = { name: ROTATION_ACCOUNT, namespace, labels: credentialsLabels };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: ROTATION_ACCOUNT, namespace: EXTERNAL_SECRETS_NAMESPACE, labels: credentialsLabels } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata,
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch", "patch"], resourceNames: [...users].sort() }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { ...metadata },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: ROTATION_ACCOUNT },
      subjects: [{ kind: "ServiceAccount", name: ROTATION_ACCOUNT, namespace: EXTERNAL_SECRETS_NAMESPACE }],
    },
  ];
}

/** Postgres's rotation, when scheduled and some layer reads Postgres: the job, its account and its right in the postgres namespace. */
export function postgresRotation(layers: ApplicationLayerSpec[], spec: CredentialsSpec): KubernetesObject[] {
  const schedule = spec.rotation.postgres;
  const readers = postgresReaders(layers, spec);
  if (schedule === undefined || !readers.length) return [];
  return [...rotationRbac(readers.map((l) => userSecretName(l.name))), rotationCronJob(schedule, rotationSteps(layers, spec))];
}
