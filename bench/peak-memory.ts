/**
 * Preloaded into a measured Node process (`node --require`) when /usr/bin/time is absent: at exit, writes
 * the process's peak resident set size (KiB) to STRATA_BENCH_PEAK.
 */
process.on("exit", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("node:fs") as typeof import("node:fs")).writeFileSync(process.env.STRATA_BENCH_PEAK!, String(process.resourceUsage().maxRSS));
});
