import { DNS_PORT, platformNamespaces } from "../platform/namespaces";
import { isEmptyObject, isObject, list, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import type { PolicySubject } from "../engine/subject";
import { rulesOf, type Direction } from "./network-policy";

/** CIDRs that stand for every address. */
const EVERYWHERE = new Set(["0.0.0.0/0", "::/0"]);

/**
 * The documented exceptions. DNS: an egress rule limited to port 53 may reach any resolver (cluster DNS,
 * node-local DNS or the VPC resolver). Gateway: ingress into the gateway namespace may come from anywhere,
 * since the gateway is the platform's front door.
 */
function isDnsOnly(rule: Record<string, unknown>): boolean {
  const ports = list<Record<string, unknown>>(rule.ports);
  return ports.length > 0 && ports.every((p) => p.port === DNS_PORT && p.endPort === undefined);
}

function exempt(subject: PolicySubject, direction: Direction, rule: Record<string, unknown>): boolean {
  if (direction === "Egress" && isDnsOnly(rule)) return true;
  return direction === "Ingress" && subject.namespace === platformNamespaces.gateway;
}

/** Why a rule's peers admit too much, if they do. */
function wideOpenPeers(direction: Direction, rule: Record<string, unknown>): string[] {
  const field = direction === "Ingress" ? "from" : "to";
  const peers = list<unknown>(rule[field]);
  const what = direction === "Ingress" ? "admits" : "allows";
  if (peers.length === 0) return [`${what} every ${direction === "Ingress" ? "source" : "destination"}, in the cluster and outside it (no ${field})`];
  return peers.flatMap((peer, i) => {
    const p = record(peer);
    const problems: string[] = [];
    if (isObject(p.namespaceSelector) && isEmptyObject(p.namespaceSelector)) problems.push(`${field}[${i}] ${what} every namespace (namespaceSelector: {})`);
    const cidr = record(p.ipBlock).cidr;
    if (typeof cidr === "string" && EVERYWHERE.has(cidr)) problems.push(`${field}[${i}] ${what} ${cidr}`);
    return problems;
  });
}

export const networkNoWideOpenAllow: ResourceRule = {
  name: "network-no-wide-open-allow",
  family: "network",
  summary: `no NetworkPolicy rule admits every namespace, every source or 0.0.0.0/0, except egress to port ${DNS_PORT} (DNS) and ingress into the gateway namespace (${platformNamespaces.gateway})`,
  scope: "resource",
  checkSubject(subject) {
    if (subject.kind !== "NetworkPolicy" || !subject.object) return [];
    const spec = record(subject.object.spec);
    return (["Ingress", "Egress"] as Direction[]).flatMap((direction) =>
      rulesOf(spec, direction).flatMap((rule, i) => {
        if (exempt(subject, direction, rule)) return [];
        const at = `${direction.toLowerCase()}[${i}]`;
        return wideOpenPeers(direction, rule).map((problem) => `${at} ${problem}: name the namespaces and pods that need it`);
      }),
    );
  },
};
