/**
 * IPv4 CIDR blocks: parsing, validation and subdivision, for the VPC and its subnets. Pure arithmetic on
 * 32-bit addresses; no network access.
 */

export interface Cidr {
  /** The network address as an unsigned 32-bit integer. */
  address: number;
  prefix: number;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(text: string): Cidr | undefined {
  const match = CIDR.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { address, prefix };
}

export function formatCidr(cidr: Cidr): string {
  const a = cidr.address;
  return `${[a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join(".")}/${cidr.prefix}`;
}

/** Why a string is not an IPv4 CIDR block with its host bits zero, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!cidr) return `"${text}" is not an IPv4 CIDR block such as "10.0.0.0/16"`;
  const hostBits = 32 - cidr.prefix;
  if (hostBits > 0 && cidr.address % 2 ** hostBits !== 0) {
    return `"${text}" has host bits set: the network address of that block is ${formatCidr(network(cidr))}`;
  }
  return undefined;
}

function network(cidr: Cidr): Cidr {
  const size = 2 ** (32 - cidr.prefix);
  return { address: cidr.address - (cidr.address % size), prefix: cidr.prefix };
}

/** The `index`-th block of prefix `prefix` inside `cidr`. */
export function subnet(cidr: Cidr, prefix: number, index: number): Cidr {
  if (prefix < cidr.prefix || prefix > 32) throw new Error(`cannot cut a /${prefix} out of ${formatCidr(cidr)}`);
  const count = 2 ** (prefix - cidr.prefix);
  if (index < 0 || index >= count) throw new Error(`${formatCidr(cidr)} holds ${count} blocks of /${prefix}, not ${index + 1}`);
  return { address: cidr.address + index * 2 ** (32 - prefix), prefix };
}

/** Whether two blocks share an address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  const aEnd = a.address + 2 ** (32 - a.prefix);
  const bEnd = b.address + 2 ** (32 - b.prefix);
  return a.address < bEnd && b.address < aEnd;
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && network({ address: inner.address, prefix: outer.prefix }).address === outer.address;
}
