import { list, quote, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { podSpecSites } from "../pod-security/evaluate";

/** What every container declares: requests make scheduling and quotas honest, a memory limit bounds a leak. */
const REQUIRED = ["requests.cpu", "requests.memory", "limits.memory"] as const;

export const supplyChainContainerResources: ResourceRule = {
  name: "supply-chain-container-resources",
  family: "supply-chain",
  summary: "every container and init container requests cpu and memory and limits memory",
  scope: "resource",
  checkSubject(subject) {
    if (!subject.object) return [];
    return podSpecSites(subject.object).flatMap(({ where, site }) => {
      // Ephemeral (debug) containers cannot declare resources.
      const containers = [...list<Record<string, unknown>>(site.spec.initContainers).map((c) => ["init container", c] as const), ...list<Record<string, unknown>>(site.spec.containers).map((c) => ["container", c] as const)];
      return containers.flatMap(([label, container]) => {
        const resources = record(container.resources);
        const missing = REQUIRED.filter((field) => {
          const [group, name] = field.split(".");
          const value = record(resources[group])[name];
          return value === undefined || value === null || value === "";
        });
        return missing.length ? [`${where}${label} ${quote(container.name ?? "")} sets no resources.${missing.join(", resources.")}`] : [];
      });
    });
  },
};
