/**
 * Kubernetes resource quantities ("500m", "2", "512Mi", "1G"): parsing for validation and for the sums a
 * ResourceQuota needs, and formatting back in the canonical units Strata writes (millicores, MiB).
 */
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

const MULTIPLIERS: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** The quantity's value in base units (cores for CPU, bytes for memory). Throws on a malformed quantity. */
export function parseQuantity(value: string): number {
  const match = QUANTITY.exec(value);
  if (!match) throw new Error(`not a Kubernetes quantity: ${JSON.stringify(value)}`);
  return Number(match[1]) * MULTIPLIERS[match[2] ?? ""];
}

/** CPU cores as millicores, rounded up ("2500m"). */
export function formatCpu(cores: number): string {
  return `${Math.ceil(Math.round(cores * 1e6) / 1e3)}m`;
}

/** Bytes as MiB, rounded up ("1536Mi"). */
export function formatMemory(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20)}Mi`;
}
