import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

/** Whole-process measurements: wall time from spawn to exit, and peak resident memory. */

export interface Sample {
  /** Milliseconds, spawn to exit. */
  ms: number;
  /** Peak resident set size in MiB, or undefined where it cannot be measured. */
  peakMiB?: number;
}

export interface Measured {
  /** Medians over the runs. */
  ms: number;
  peakMiB?: number;
  runs: number;
}

const GNU_TIME = "/usr/bin/time";
const hasGnuTime = fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"], { encoding: "utf8" }).status === 0;
const PEAK_PRELOAD = path.join(__dirname, "peak-memory.js");

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command once, failing on an unexpected exit code. */
export function sample(command: string, args: string[], options: { input?: string; expect?: number[] } = {}): Sample {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "strata-bench-peak-"));
  const peakFile = path.join(scratch, "peak");
  const isNode = command === process.execPath;
  // GNU time reports any process's peak; without it, Node reports its own through a preload.
  const [cmd, argv] = hasGnuTime ? [GNU_TIME, ["-f", "%M", "-o", peakFile, command, ...args]] : isNode ? [command, ["--require", PEAK_PRELOAD, ...args]] : [command, args];
  const start = performance.now();
  const r = spawnSync(cmd, argv, { input: options.input, encoding: "utf8", maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, STRATA_BENCH_PEAK: peakFile } });
  const ms = performance.now() - start;
  if (r.error) throw r.error;
  if (!(options.expect ?? [0]).includes(r.status ?? -1)) throw new Error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
  const peak = fs.existsSync(peakFile) ? Number(fs.readFileSync(peakFile, "utf8").trim().split("\n").pop()) : NaN;
  fs.rmSync(scratch, { recursive: true, force: true });
  return { ms, peakMiB: Number.isFinite(peak) ? peak / 1024 : undefined };
}

/** The median of `runs` runs (after `warmUp` unmeasured ones). */
export function measure(runs: number, command: string, args: string[], options: { input?: string; expect?: number[]; warmUp?: number; before?: () => void } = {}): Measured {
  for (let i = 0; i < (options.warmUp ?? 0); i++) {
    options.before?.();
    sample(command, args, options);
  }
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    options.before?.();
    samples.push(sample(command, args, options));
  }
  const peaks = samples.flatMap((s) => (s.peakMiB === undefined ? [] : [s.peakMiB]));
  return { ms: median(samples.map((s) => s.ms)), peakMiB: peaks.length ? median(peaks) : undefined, runs };
}
