/**
 * Durations as the platform's components spell them, parsed to seconds so config checks can compare them:
 * Go's `time.Duration` ("720h0m0s", "30s": Velero TTLs, Istio timeouts) and Prometheus's duration ("30d",
 * "1y", "2h": retention, block durations, rule windows).
 */

const GO_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
const GO_DURATION = /^((\d+(\.\d+)?)(ms|s|m|h))+$/;

/** Seconds of a Go duration ("1h30m", "720h0m0s", "2.5s"); undefined when malformed. Units ms, s, m, h. */
export function parseGoDuration(text: string): number | undefined {
  if (!GO_DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) seconds += Number(match[1]) * GO_UNITS[match[2]];
  return seconds;
}

const PROMETHEUS_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
const PROMETHEUS_DURATION = /^((\d+)(ms|s|m|h|d|w|y))+$/;

/** Seconds of a Prometheus duration ("30d", "1y", "1h30m"); undefined when malformed. Units ms, s, m, h, d, w, y. */
export function parsePrometheusDuration(text: string): number | undefined {
  if (!PROMETHEUS_DURATION.test(text)) return undefined;
  let seconds = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) seconds += Number(match[1]) * PROMETHEUS_UNITS[match[2]];
  return seconds;
}
