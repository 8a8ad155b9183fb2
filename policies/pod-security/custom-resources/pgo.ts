import type { IContainer } from "kubernetes-models/v1/Container";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import { at, isObject, list, record } from "../../engine/fields";
import type { PodSpecExtractorEntry, PodSpecSite } from "../pod-spec";
import { operatorContainer, operatorPod, podMetadata } from "./operator-pod";

/**
 * Crunchy PGO v5 (`postgres-operator.crunchydata.com`, `PostgresCluster`): the pods PGO makes. PGO gives
 * every container it builds the same restricted security context (its `RestrictedSecurityContext`: no
 * privilege escalation, drop ALL, not privileged, read-only root, non-root, RuntimeDefault seccomp) and the
 * resource has no field to change it; what the resource adds are its own containers (`containers` of an
 * instance set or of pgBouncer: plain containers, judged as declared), metadata (annotations) and each
 * container's resources:
 *
 * - each instance set (`spec.instances[i]`): `database`, `replication-cert-copy`, pgBackRest's
 *   `pgbackrest` and `pgbackrest-config` sidecars (with backups), `exporter` (with the pgMonitor exporter),
 *   init containers `postgres-startup` and `nss-wrapper-init` (the instance's resources);
 * - pgBouncer (`spec.proxy.pgBouncer`): `pgbouncer`, `pgbouncer-config`;
 * - pgBackRest's backup jobs (`spec.backups.pgbackrest.jobs`): `pgbackrest`;
 * - the repository host (`spec.backups.pgbackrest.repoHost`), made only for a volume repository:
 *   `pgbackrest`, `pgbackrest-config`.
 */

export const PGO_API_GROUP = "postgres-operator.crunchydata.com";

/** The security context PGO v5 puts on every container it builds. */
export const PGO_CONTAINER_SECURITY_CONTEXT: ISecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
};

function pgoContainer(name: string, resources: unknown): IContainer {
  return operatorContainer(name, { securityContext: PGO_CONTAINER_SECURITY_CONTEXT, resources });
}

/** The containers the resource declares itself (plain Kubernetes containers). */
function declared(containers: unknown): IContainer[] {
  return list<IContainer>(containers);
}

const postgresCluster: PodSpecExtractorEntry = {
  apiGroup: PGO_API_GROUP,
  kind: "PostgresCluster",
  extract(object) {
    const spec = record(object.spec);
    const pgbackrest = at(spec, "backups.pgbackrest");
    const backups = isObject(pgbackrest);
    const sidecars = record(record(pgbackrest).sidecars);
    const exporter = at(spec, "monitoring.pgmonitor.exporter");
    const sites: PodSpecSite[] = list<unknown>(spec.instances).map((item, i) => {
      const instance = record(item);
      const containers = [
        pgoContainer("database", instance.resources),
        pgoContainer("replication-cert-copy", at(instance, "sidecars.replicaCertCopy.resources")),
        ...(backups ? [pgoContainer("pgbackrest", record(sidecars.pgbackrest).resources), pgoContainer("pgbackrest-config", record(sidecars.pgbackrestConfig).resources)] : []),
        ...(isObject(exporter) ? [pgoContainer("exporter", exporter.resources)] : []),
        ...declared(instance.containers),
      ];
      const initContainers = [pgoContainer("postgres-startup", instance.resources), pgoContainer("nss-wrapper-init", instance.resources)];
      return operatorPod(`spec.instances[${i}]`, podMetadata(spec.metadata, instance.metadata), { initContainers, containers });
    });
    const pgBouncer = at(spec, "proxy.pgBouncer");
    if (isObject(pgBouncer)) {
      const containers = [
        pgoContainer("pgbouncer", pgBouncer.resources),
        pgoContainer("pgbouncer-config", at(pgBouncer, "sidecars.pgbouncerConfig.resources")),
        ...declared(pgBouncer.containers),
      ];
      sites.push(operatorPod("spec.proxy.pgBouncer", podMetadata(spec.metadata, pgBouncer.metadata), { containers }));
    }
    if (backups) {
      const metadata = podMetadata(spec.metadata, pgbackrest.metadata);
      sites.push(operatorPod("spec.backups.pgbackrest.jobs", metadata, { containers: [pgoContainer("pgbackrest", at(pgbackrest, "jobs.resources"))] }));
      if (list<unknown>(pgbackrest.repos).some((repo) => isObject(record(repo).volume))) {
        const containers = [pgoContainer("pgbackrest", at(pgbackrest, "repoHost.resources")), pgoContainer("pgbackrest-config", record(sidecars.pgbackrestConfig).resources)];
        sites.push(operatorPod("spec.backups.pgbackrest.repoHost", metadata, { containers }));
      }
    }
    return sites;
  },
};

export const PGO_POD_SPEC_EXTRACTORS: readonly PodSpecExtractorEntry[] = [postgresCluster];
