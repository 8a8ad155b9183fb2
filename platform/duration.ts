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

/** Go's time.Duration is an int64 of nanoseconds: about 2562047h. Longer durations do not parse in Go. */
export const GO_MAX_DURATION_NANOS = 2n ** 63n - 1n;

const GO_UNIT_NANOS: Record<string, bigint> = { ns: 1n, us: 1_000n, "\u00b5s": 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n };

/**
 * Nanoseconds of a Go duration, exactly (BigInt: no float drift at the int64 edge); undefined when malformed.
 * As Go's time.ParseDuration: "0" alone, or numbers with units ns, us, µs, ms, s, m, h (no sign here: Strata's
 * durations are positive).
 */
export function parseGoDurationNanos(text: string): bigint | undefined {
  if (text === "0") return 0n;
  if (!/^((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h))+$/.test(text)) return undefined;
  let nanos = 0n;
  for (const match of text.matchAll(/(\d*)(?:\.(\d*))?(ns|us|\u00b5s|ms|s|m|h)/g)) {
    const unit = GO_UNIT_NANOS[match[3]];
    const fraction = match[2] ?? "";
    const scale = 10n ** BigInt(fraction.length);
    // Go truncates a fraction below a nanosecond.
    nanos += BigInt(match[1] || "0") * unit + (BigInt(fraction || "0") * unit) / scale;
  }
  return nanos;
}

/** Why a Go duration is not one Go can hold, or undefined. */
export function goDurationRangeProblem(text: string): string | undefined {
  const nanos = parseGoDurationNanos(text);
  return nanos !== undefined && nanos > GO_MAX_DURATION_NANOS ? `"${text}" is longer than Go's longest duration (2562047h47m16.854775807s)` : undefined;
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
