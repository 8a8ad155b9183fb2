import { DNS_PORT, platformNamespaces } from "../platform/namespaces";
import { isObject, list, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import type { PolicySubject } from "../engine/subject";
import { isUnknown, undetermined, type RuleMessage } from "../engine/unknown";
import { cidrRange, coveredFamilies, type AddressRange } from "./address-space";
import { narrowsNamespaces } from "./namespace-selector";
import { rulesOf, type Direction } from "./network-policy";

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

const verbs = (direction: Direction) => (direction === "Ingress" ? { field: "from", what: "admits", every: "source" } : { field: "to", what: "allows", every: "destination" });

/** Why one rule's peers admit too much, and the address ranges its ipBlocks admit. */
function judgeRule(direction: Direction, rule: Record<string, unknown>, at: string): { messages: RuleMessage[]; ranges: AddressRange[] } {
  const { field, what, every } = verbs(direction);
  if (isUnknown(rule) || isUnknown(rule[field])) return { messages: [undetermined(`${at} ${field}`)], ranges: [] };
  const peers = list<unknown>(rule[field]);
  if (peers.length === 0) return { messages: [`${at} ${what} every ${every}, in the cluster and outside it (no ${field}): name the namespaces and pods that need it`], ranges: [] };
  const messages: RuleMessage[] = [];
  const ranges: AddressRange[] = [];
  peers.forEach((peer, i) => {
    const p = record(peer);
    const where = `${at} ${field}[${i}]`;
    if (isUnknown(peer)) return void messages.push(undetermined(where));
    if (p.namespaceSelector !== undefined) {
      const narrows = narrowsNamespaces(p.namespaceSelector);
      if (narrows === "unknown") messages.push(undetermined(`${where} namespaceSelector`));
      else if (!narrows) {
        const selector = isObject(p.namespaceSelector) && Object.keys(p.namespaceSelector).length === 0 ? "namespaceSelector: {}" : `namespaceSelector ${JSON.stringify(p.namespaceSelector)} names no label a namespace must be given`;
        messages.push(`${where} ${what} every namespace (${selector}): name the namespaces and pods that need it`);
      }
    }
    const cidr = record(p.ipBlock).cidr;
    if (isUnknown(p.ipBlock) || isUnknown(cidr)) return void messages.push(undetermined(`${where} ipBlock.cidr`));
    const range = typeof cidr === "string" ? cidrRange(cidr) : undefined;
    if (!range) return;
    ranges.push(range);
    const everything = coveredFamilies([range]);
    if (everything.length) messages.push(`${where} ${what} ${cidr}${cidr === "0.0.0.0/0" || cidr === "::/0" ? "" : ` (every ${everything[0]} address)`}: name the namespaces and pods that need it`);
  });
  return { messages, ranges };
}

/**
 * No rule admits everyone: every namespace, every source or destination, every address, whether spelt as
 * such or in other words (selectors that narrow nothing, blocks that add up to the whole address space,
 * across the rules of a policy's direction).
 */
export const networkNoWideOpenAllow: ResourceRule = {
  name: "network-no-wide-open-allow",
  family: "network",
  summary: `no NetworkPolicy rule admits every namespace (a namespaceSelector naming no label a namespace must be given), every source, or every address (0.0.0.0/0, ::/0, or blocks that add up to them), except egress to port ${DNS_PORT} (DNS) and ingress into the gateway namespace (${platformNamespaces.gateway})`,
  scope: "resource",
  checkSubject(subject) {
    if (subject.kind !== "NetworkPolicy" || !subject.object) return [];
    const spec = record(subject.object.spec);
    return (["Ingress", "Egress"] as Direction[]).flatMap((direction) => {
      const judged = rulesOf(spec, direction).map((rule, i) => (exempt(subject, direction, rule) ? { messages: [], ranges: [] } : judgeRule(direction, rule, `${direction.toLowerCase()}[${i}]`)));
      const messages = judged.flatMap((j) => j.messages);
      // Blocks that cover an address family only together, across the direction's rules (one that does alone is said above).
      const ranges = judged.flatMap((j) => j.ranges);
      const alone = new Set(ranges.flatMap((r) => coveredFamilies([r])));
      for (const family of coveredFamilies(ranges).filter((f) => !alone.has(f))) {
        const blocks = ranges.filter((r) => r.family === family).length;
        messages.push(`${direction.toLowerCase()} ipBlocks ${direction === "Ingress" ? "admit" : "allow"} every ${family} address together (${blocks} blocks that add up to it): name the namespaces and pods that need it`);
      }
      return messages;
    });
  },
};
