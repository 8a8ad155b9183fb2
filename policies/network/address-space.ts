import { Address4, Address6 } from "ip-address";

/**
 * How much of the address space IP blocks admit. A rule need not spell 0.0.0.0/0 to admit every address:
 * 0.0.0.0/1 with 128.0.0.0/1, four /2 blocks, `::/1` with `8000::/1`, or `0.0.0.0/00` do the same. Blocks
 * are parsed as Kubernetes parses them (leading zeros in the prefix length accepted), IPv4-mapped IPv6 blocks
 * (`::ffff:0:0/96`) count as the IPv4 addresses they stand for, and what an `except` carves out is not
 * subtracted: a block with holes still admits the internet.
 */

export type Family = "IPv4" | "IPv6";

export interface AddressRange {
  family: Family;
  start: bigint;
  end: bigint;
}

const SIZE: Record<Family, bigint> = { IPv4: 1n << 32n, IPv6: 1n << 128n };
const MAPPED_IPV4 = 0xffff00000000n;

/** The addresses a CIDR block spans; undefined for something that is no block. */
export function cidrRange(cidr: string): AddressRange | undefined {
  try {
    if (Address4.isValid(cidr)) {
      const block = new Address4(cidr);
      return { family: "IPv4", start: block.startAddress().bigInt(), end: block.endAddress().bigInt() };
    }
    if (Address6.isValid(cidr)) {
      const block = new Address6(cidr);
      const start = block.startAddress().bigInt();
      const end = block.endAddress().bigInt();
      if (start >= MAPPED_IPV4 && end < MAPPED_IPV4 + SIZE.IPv4) return { family: "IPv4", start: start - MAPPED_IPV4, end: end - MAPPED_IPV4 };
      return { family: "IPv6", start, end };
    }
  } catch {
    // Not a block the library can read: not one Kubernetes would accept either.
  }
  return undefined;
}

/** The families whose whole address space the ranges cover together. */
export function coveredFamilies(ranges: readonly AddressRange[]): Family[] {
  return (["IPv4", "IPv6"] as const).filter((family) => {
    const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let next = 0n;
    for (const range of sorted) {
      if (range.start > next) return false;
      if (range.end + 1n > next) next = range.end + 1n;
    }
    return next >= SIZE[family];
  });
}
