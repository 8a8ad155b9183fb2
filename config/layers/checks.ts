import { compareQuantities, isQuantity, quantityText } from "../../platform/quantity";
import { autoscalingMetricIssues } from "./metrics-checks";
import type { ConfigIssue } from "../issues";
import { asArray, isInt, isObject, isString, profileOf, type Raw } from "../raw";
import { layerDefaults } from "./defaults";
import { profileDefaults, type Profile } from "../profiles";
import { peakPods, quotaShortfalls, requiredQuota } from "./quota";
import { startupOrderIssues } from "./startup-order-checks";

/**
 * Checks that relate several keys (a peer must name a layer, min ≤ max, a PDB must leave room to drain...).
 * They read the raw config defensively, so they run even where other keys are malformed and every problem
 * is reported in one pass; a value of the wrong type is left to the schema's own issue.
 */

function layerNames(layers: unknown[]): Map<string, number[]> {
  const names = new Map<string, number[]>();
  layers.forEach((layer, i) => {
    if (isObject(layer) && isString(layer.name)) names.set(layer.name, [...(names.get(layer.name) ?? []), i]);
  });
  return names;
}

/**
 * The layers' own checks. `reserved`: the namespaces Kubernetes and the capabilities own, which a layer's
 * name (its namespace) must not take.
 */
export function layerIssues(raw: Raw, layers: unknown[], reserved: ReadonlySet<string>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = layerNames(layers);
  const profile = profileOf(raw);

  for (const [name, indexes] of names) {
    for (const i of indexes.slice(1)) {
      issues.push({ path: `layers[${i}].name`, message: `duplicate layer name "${name}" (also layers[${indexes[0]}])` });
    }
  }

  layers.forEach((layer, i) => {
    if (!isObject(layer)) return;
    const at = `layers[${i}]`;
    const self = isString(layer.name) ? layer.name : undefined;
    if (self && reserved.has(self)) {
      issues.push({ path: `${at}.name`, message: `"${self}" is a reserved namespace (${[...reserved].sort().join(", ")})` });
    }
    issues.push(...peerIssues(layer, at, self, names));
    issues.push(...envIssues(layer, at));
    issues.push(...portReferenceIssues(layer, at));
    issues.push(...resourceIssues(layer, at));
    issues.push(...gpuIssues(layer, at));
    issues.push(...scalingProblems(layer, profile).map((p) => ({ path: `${at}.${p.key}`, message: p.message })));
  });
  issues.push(...startupOrderIssues(layers));
  issues.push(...autoscalingMetricIssues(layers));
  return issues;
}

function peerIssues(layer: Raw, at: string, self: string | undefined, names: Map<string, number[]>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  asArray(layer.peers).forEach((peer, j) => {
    if (!isString(peer)) return;
    const path = `${at}.peers[${j}]`;
    if (peer === self) issues.push({ path, message: `a layer cannot name itself as a peer ("${peer}")` });
    else if (!names.has(peer)) {
      issues.push({ path, message: `peer "${peer}" is not a layer; layers are: ${[...names.keys()].join(", ")}` });
    }
    if (seen.has(peer)) issues.push({ path, message: `peer "${peer}" is listed twice` });
    seen.add(peer);
  });
  return issues;
}

function envIssues(layer: Raw, at: string): ConfigIssue[] {
  if (!isObject(layer.env) || !isObject(layer.secretEnv)) return [];
  const plain = layer.env;
  return Object.keys(layer.secretEnv)
    .filter((name) => name in plain)
    .map((name) => ({ path: `${at}.secretEnv.${name}`, message: `"${name}" is also set in env: set it in one place` }));
}

function portReferenceIssues(layer: Raw, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ports = Array.isArray(layer.ports) ? layer.ports : layerDefaults.ports;
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  ports.forEach((port, j) => {
    if (!isObject(port)) return;
    if (isString(port.name)) {
      if (portNames.has(port.name)) issues.push({ path: `${at}.ports[${j}].name`, message: `port name "${port.name}" is used twice` });
      portNames.add(port.name);
    }
    if (isInt(port.port)) {
      if (portNumbers.has(port.port)) issues.push({ path: `${at}.ports[${j}].port`, message: `port ${port.port} is used twice` });
      portNumbers.add(port.port);
    }
  });
  for (const key of ["probes", "metrics"] as const) {
    const section = layer[key];
    if (isObject(section) && isString(section.port) && !portNames.has(section.port)) {
      issues.push({ path: `${at}.${key}.port`, message: `"${section.port}" is not one of the layer's ports (${[...portNames].join(", ")})` });
    }
  }
  return issues;
}

function resourceIssues(layer: Raw, at: string): ConfigIssue[] {
  const resources = layer.resources;
  if (!isObject(resources) || !isObject(resources.requests) || !isObject(resources.limits)) return [];
  const issues: ConfigIssue[] = [];
  for (const kind of ["cpu", "memory"] as const) {
    const request = quantityText(resources.requests[kind]);
    const limit = quantityText(resources.limits[kind]);
    if (request !== undefined && limit !== undefined && isQuantity(request) && isQuantity(limit) && compareQuantities(request, limit) > 0) {
      issues.push({ path: `${at}.resources.requests.${kind}`, message: `request ${request} exceeds the limit ${limit}` });
    }
  }
  return issues;
}

/** GPUs are the gpu pool's: a layer elsewhere would ask for a resource no node of its pool has. */
function gpuIssues(layer: Raw, at: string): ConfigIssue[] {
  const resources = layer.resources;
  if (!isObject(resources) || !isInt(resources.gpus) || !isString(layer.capacityClass) || layer.capacityClass === "gpu") return [];
  return [{ path: `${at}.resources.gpus`, message: `GPUs are on the gpu pool only: set capacityClass: gpu (the layer's is "${layer.capacityClass}")` }];
}

/** A problem with one key of a layer: `key` is its path within the layer (`autoscaling.maxReplicas`). */
export interface LayerProblem {
  key: string;
  message: string;
}

/** Replicas, autoscaler bounds, PDB and quota overrides that contradict each other. */
export function scalingProblems(layer: Raw, profile: Profile): LayerProblem[] {
  const issues: LayerProblem[] = [];
  const replicas = isInt(layer.replicas) ? layer.replicas : profileDefaults[profile].replicas;
  const autoscaling = isObject(layer.autoscaling) ? layer.autoscaling : undefined;
  const minReplicas = autoscaling && isInt(autoscaling.minReplicas) ? autoscaling.minReplicas : replicas;
  const maxReplicas = autoscaling && isInt(autoscaling.maxReplicas) ? autoscaling.maxReplicas : undefined;
  if (maxReplicas !== undefined && minReplicas > maxReplicas) {
    const source =
      autoscaling && isInt(autoscaling.minReplicas)
        ? "autoscaling.minReplicas"
        : isInt(layer.replicas)
          ? "replicas"
          : `replicas (the ${profile} profile's default)`;
    issues.push({ key: "autoscaling.maxReplicas", message: `maxReplicas ${maxReplicas} is below ${source} ${minReplicas}` });
  }

  // Decided by config alone, so said as config (exit 2) rather than later as placement-spot-resilience (exit 3).
  if (profile === "prod" && layer.capacityClass === "spot" && minReplicas < 2) {
    const key = autoscaling && isInt(autoscaling.minReplicas) ? "autoscaling.minReplicas" : "replicas";
    issues.push({ key, message: `a spot layer in a prod stack keeps at least 2 replicas (got ${minReplicas}): one spot reclaim would take it down` });
  }

  const pdb = isObject(layer.pdb) ? layer.pdb : undefined;
  if (pdb && isInt(pdb.minAvailable) && pdb.minAvailable >= minReplicas) {
    issues.push({
      key: "pdb.minAvailable",
      message: `minAvailable ${pdb.minAvailable} must be below the layer's minimum replicas (${minReplicas}), or no node could ever be drained`,
    });
  }
  if (pdb && (pdb.maxUnavailable === 0 || pdb.maxUnavailable === "0%")) {
    issues.push({ key: "pdb.maxUnavailable", message: "maxUnavailable 0 would block every node drain" });
  }
  if (pdb && pdb.minAvailable === "100%") {
    issues.push({ key: "pdb.minAvailable", message: "minAvailable 100% would block every node drain" });
  }

  const quota = isObject(layer.quota) ? layer.quota : undefined;
  const resources = isObject(layer.resources) ? quantitiesAsText(layer.resources) : layerDefaults.resources;
  if (quota && wellFormedResources(resources)) {
    const peak = peakPods(maxReplicas ?? replicas, layerDefaults.maxSurgePercent);
    const wellFormed = Object.fromEntries(
      Object.entries(quota)
        .map(([k, v]) => [k, k === "pods" ? v : quantityText(v)] as const)
        .filter(([k, v]) => (k === "pods" ? isInt(v) : isString(v) && isQuantity(v))),
    );
    for (const [field, needed] of quotaShortfalls(wellFormed, requiredQuota(peak, resources))) {
      issues.push({
        key: `quota.${field}`,
        message: `${quota[field]} is below what the layer may run at its peak (${peak} pods): at least ${needed}`,
      });
    }
  }
  return issues;
}

/** Requests and limits with quantities given as numbers (cpu: 1) as their text, for the checks that sum them. */
function quantitiesAsText(r: Raw): Raw {
  const text = (m: unknown) => (isObject(m) ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, quantityText(v) ?? v])) : m);
  return { ...r, requests: text(r.requests), limits: text(r.limits) };
}

function wellFormedResources(r: unknown): r is { requests: { cpu: string; memory: string }; limits: { memory: string } } {
  if (!isObject(r) || !isObject(r.requests) || !isObject(r.limits)) return false;
  return [r.requests.cpu, r.requests.memory, r.limits.memory].every((q) => isString(q) && isQuantity(q));
}
