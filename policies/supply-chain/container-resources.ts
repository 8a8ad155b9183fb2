import { list, quote, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, prefixed, undetermined, type RuleMessage } from "../engine/unknown";
import { podSpecSites } from "../pod-security/evaluate";

/** What every container declares: requests make scheduling and quotas honest, a memory limit bounds a leak. */
const REQUIRED = ["requests.cpu", "requests.memory", "limits.memory"] as const;

/** One container's messages: the required fields it leaves out, and those that are unknown until apply. */
function containerMessages(label: string, container: Record<string, unknown>): RuleMessage[] {
  const who = `${label} ${quote(container.name ?? "")}`;
  const resources = record(container.resources);
  const value = (field: string) => {
    const [group, name] = field.split(".");
    return record(resources[group])[name];
  };
  const unknown = REQUIRED.filter((field) => isUnknown(value(field)));
  const missing = REQUIRED.filter((field) => !isUnknown(value(field)) && (value(field) === undefined || value(field) === null || value(field) === ""));
  return [
    ...(unknown.length ? [undetermined(`${who} resources.${unknown.join(", resources.")}`)] : []),
    ...(missing.length ? [`${who} sets no resources.${missing.join(", resources.")}`] : []),
  ];
}

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
      return containers.flatMap(([label, container]) => containerMessages(label, record(container)).map((m) => prefixed(where, m)));
    });
  },
};
