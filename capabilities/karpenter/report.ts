import { spotShare } from "../../config/layers/demand";
import type { ApplicationLayerSpec } from "../../config/layers/spec";
import { formatCores, formatGiB, poolDemand, type PoolDemand } from "./capacity";
import { windowSchedule } from "./maintenance-window";
import type { KarpenterSpec } from "./spec";

/** What each pool asks and may hold, as numbers (the stack's `karpenter` output) and as `strata check` prints it. */

const GIB = 2 ** 30;

export interface PoolCapacityOutput {
  /** What the pool may grow to (its nodes' capacity): vCPUs, GiB, and nodes and GPUs when limited. */
  limits: { cpu: number; memoryGiB: number; nodes?: number; gpus?: number };
  /** The application layers' requests at baseline (replicas, autoscalers' minima) and at peak (maxima plus surge), sidecars included. */
  baseline: { pods: number; cpu: number; memoryGiB: number; gpus: number };
  peak: { pods: number; cpu: number; memoryGiB: number; gpus: number };
}

const round = (n: number) => Number(n.toFixed(3));

function requests(r: PoolDemand["baseline"]) {
  return { pods: r.pods, cpu: round(r.cpu), memoryGiB: round(r.memory / GIB), gpus: r.gpus };
}

export function poolCapacity(spec: KarpenterSpec, layers: ApplicationLayerSpec[]): Record<string, PoolCapacityOutput> {
  return Object.fromEntries(
    spec.pools.map((pool) => {
      const d = poolDemand(pool, layers);
      const limits = { cpu: round(d.limits.cpu), memoryGiB: round(d.limits.memory / GIB), ...(d.limits.nodes !== undefined ? { nodes: d.limits.nodes } : {}), ...(d.limits.gpus !== undefined ? { gpus: d.limits.gpus } : {}) };
      return [pool.pool, { limits, baseline: requests(d.baseline), peak: requests(d.peak) }];
    }),
  );
}

function percent(share: number | undefined): string {
  return share === undefined ? "n/a" : `${(share * 100).toFixed(1)} %`;
}

/** `strata check`'s lines: per pool, requests at baseline and at peak against the limits; the spot share; the window. */
export function capacityReport(spec: KarpenterSpec, layers: ApplicationLayerSpec[]): string[] {
  const rows = spec.pools.map((pool) => {
    const d = poolDemand(pool, layers);
    const use = (r: PoolDemand["baseline"]) => `${formatCores(r.cpu)} / ${formatGiB(r.memory)}${r.gpus ? ` / ${r.gpus} GPUs` : ""} (${r.pods} pods)`;
    const limits = `${formatCores(d.limits.cpu)} / ${formatGiB(d.limits.memory)}${d.limits.gpus !== undefined ? ` / ${d.limits.gpus} GPUs` : ""}${d.limits.nodes !== undefined ? ` / ${d.limits.nodes} nodes` : ""}`;
    return [pool.pool, `${pool.capacityType}`, use(d.baseline), use(d.peak), limits, `${Math.round((d.peak.cpu / d.limits.cpu) * 100)} %`];
  });
  const header = ["pool", "capacity", "baseline requests", "peak requests", "limits", "peak CPU of limit"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd();
  const share = spotShare(layers);
  const lines = [
    "node pools (Karpenter): the application layers' requests (sidecars included) against each pool's limits; data services on the stateful pool are not counted",
    line(header),
    ...rows.map(line),
    `spot share of the application layers' requested CPU: ${percent(share.baseline)} at baseline, ${percent(share.peak)} at peak`,
  ];
  if (spec.maintenanceWindow) {
    const w = windowSchedule(spec.maintenanceWindow);
    lines.push(`maintenance window (UTC): "${w.schedule}" for ${w.duration}; outside it no pool is consolidated or rolled for drift`);
  }
  return lines;
}
