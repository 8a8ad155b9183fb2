import { isObject, list, record } from "../engine/fields";
import { isUnknown } from "../engine/unknown";

/**
 * Istio AuthorizationPolicy semantics: which ALLOW rules admit every request. A rule matches a request when
 * its `from`, `to` and `when` all do, and an absent one matches everything, so `rules: [{}]` allows every
 * caller to everything. A source narrows only with a value other than "*" in a positive field (principals,
 * request principals, namespaces, IP blocks); an operation narrows with anything set (ports, paths, methods,
 * hosts).
 */

const NARROWING_SOURCE_FIELDS = ["principals", "requestPrincipals", "namespaces", "ipBlocks", "remoteIpBlocks"];
const WILDCARDS = new Set(["*", "0.0.0.0/0", "::/0"]);

function sourceNarrows(entry: unknown): boolean | "unknown" {
  const source = record(record(entry).source);
  if (isUnknown(entry) || isUnknown(source)) return "unknown";
  let unknown = false;
  for (const field of NARROWING_SOURCE_FIELDS) {
    const values = list<unknown>(source[field]);
    if (values.some(isUnknown)) unknown = true;
    else if (values.some((v) => !WILDCARDS.has(String(v)))) return true;
  }
  return unknown ? "unknown" : false;
}

function operationNarrows(entry: unknown): boolean | "unknown" {
  const operation = record(entry).operation;
  if (isUnknown(entry) || isUnknown(operation)) return "unknown";
  return isObject(operation) && Object.values(operation).some((v) => isUnknown(v) || list(v).length > 0);
}

/** Whether one rule of an ALLOW policy matches every request (true), narrows them (false), or rests on an unknown. */
export function allowsEveryRequest(rule: unknown): boolean | "unknown" {
  const r = record(rule);
  if (isUnknown(rule) || isUnknown(r.from) || isUnknown(r.to) || isUnknown(r.when)) return "unknown";
  if (list(r.when).length > 0) return false;
  const from = list<unknown>(r.from).map(sourceNarrows);
  const to = list<unknown>(r.to).map(operationNarrows);
  // A list matches when any of its entries does: it narrows only if every entry does.
  const narrows = (verdicts: (boolean | "unknown")[]) => (verdicts.length === 0 ? false : verdicts.every((v) => v === true) ? true : verdicts.includes(false) ? false : "unknown");
  const byFrom = narrows(from);
  const byTo = narrows(to);
  if (byFrom === true || byTo === true) return false;
  return byFrom === "unknown" || byTo === "unknown" ? "unknown" : true;
}
