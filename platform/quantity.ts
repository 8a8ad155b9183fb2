/**
 * Kubernetes resource quantities as the API server takes them (apimachinery's resource.Quantity): every
 * spelling it accepts ("2", "0.5", ".5", "500m", "1e3", "1.5Gi", 1073741824), held exactly as a count of
 * nano-units in a BigInt (Kubernetes' own precision: finer values round up), compared exactly (no float
 * drift) and written back canonically, as `kubectl get -o yaml` shows them ("0.5" is "500m", "1024Mi" is
 * "1Gi", "1000" is "1k" only when it was written with a decimal suffix).
 */

type QuantityFormat = "BinarySI" | "DecimalSI" | "DecimalExponent";

export interface ExactQuantity {
  /** The value in nano-units (a CPU's nanocores, memory's nanobytes), rounded up as Kubernetes rounds. */
  nanos: bigint;
  /** How it was written: the canonical form keeps the family (binary, decimal, exponent). */
  format: QuantityFormat;
}

// <sign><digits>[.<digits>] or <sign>.<digits>, then a suffix: Ki…Ei, n u m k M G T P E, or e/E<exponent>.
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|(n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;

const DECIMAL_SUFFIX_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX_POWER: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIXES = Object.fromEntries(Object.entries(DECIMAL_SUFFIX_EXPONENT).map(([s, e]) => [e, s])) as Record<number, string>;
const BINARY_SUFFIXES = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
const NANO = 1_000_000_000n;
/** Exponents beyond Kubernetes' own bounds are refused rather than expanded (1e999999 is no quantity). */
const MAX_EXPONENT = 30;

/** A number or a string as a quantity's text; anything else is none. */
export function quantityText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" && Number.isFinite(value) ? String(value) : undefined;
}

/** The quantity exactly, or undefined when the text is not one Kubernetes accepts. */
export function parseExactQuantity(text: string): ExactQuantity | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, number, binary, decimal, exponent] = m;
  const [whole, fraction = ""] = number.split(".");
  let tenPower = -fraction.length;
  let value = BigInt(`${whole || "0"}${fraction}` || "0");
  let format: QuantityFormat = "DecimalSI";
  if (binary) {
    value *= 1024n ** BigInt(BINARY_SUFFIX_POWER[binary]);
    format = "BinarySI";
  } else if (exponent !== undefined) {
    const e = Number(exponent);
    if (Math.abs(e) > MAX_EXPONENT) return undefined;
    tenPower += e;
    format = "DecimalExponent";
  } else tenPower += DECIMAL_SUFFIX_EXPONENT[decimal ?? ""];
  // value × 10^tenPower in nanos, rounded up (away from zero: Kubernetes' rounding).
  const shift = tenPower + 9;
  let nanos: bigint;
  if (shift >= 0) nanos = value * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    nanos = value / divisor + (value % divisor === 0n ? 0n : 1n);
  }
  return { nanos: sign === "-" ? -nanos : nanos, format };
}

/** A non-negative quantity (what requests, limits, sizes and quotas take). */
export function isQuantity(value: string): boolean {
  const q = parseExactQuantity(value);
  return q !== undefined && q.nanos >= 0n;
}

/** -1, 0 or 1 as `a` is below, equal to or above `b` (both quantities), exactly. */
export function compareQuantities(a: string, b: string): number {
  const x = exact(a).nanos;
  const y = exact(b).nanos;
  return x < y ? -1 : x > y ? 1 : 0;
}

function exact(text: string): ExactQuantity {
  const q = parseExactQuantity(text);
  if (!q) throw new Error(`not a Kubernetes quantity: ${JSON.stringify(text)}`);
  return q;
}

/** The quantity as Kubernetes writes it back (resource.Quantity's String()). */
export function canonicalQuantity(text: string): string {
  const { nanos, format } = exact(text);
  const sign = nanos < 0n ? "-" : "";
  const abs = nanos < 0n ? -nanos : nanos;
  if (abs === 0n) return "0";
  // Binary stays binary for whole values of at least 1024; others are written in decimal.
  if (format === "BinarySI" && abs % NANO === 0n && abs >= 1024n * NANO) {
    let units = abs / NANO;
    let power = 0;
    while (units % 1024n === 0n && power < BINARY_SUFFIXES.length - 1) {
      units /= 1024n;
      power++;
    }
    return `${sign}${units}${BINARY_SUFFIXES[power]}`;
  }
  // The largest exponent that is a multiple of 3 and leaves a whole mantissa.
  let exponent = -9;
  let mantissa = abs;
  while (exponent < 18 && mantissa % 1000n === 0n) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (format === "DecimalExponent") return `${sign}${mantissa}${exponent === 0 ? "" : `e${exponent}`}`;
  return `${sign}${mantissa}${DECIMAL_SUFFIXES[exponent]}`;
}

/** The quantity's value in base units (cores for CPU, bytes for memory), for sums and sizing. Throws on a malformed quantity. */
export function parseQuantity(value: string): number {
  const nanos = exact(value).nanos;
  return Number(nanos / NANO) + Number(nanos % NANO) / 1e9;
}

/** CPU cores as millicores, rounded up ("2500m"). */
export function formatCpu(cores: number): string {
  return `${Math.ceil(Math.round(cores * 1e6) / 1e3)}m`;
}

/** Bytes as MiB, rounded up ("1536Mi"). */
export function formatMemory(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}
