import { createHash } from "node:crypto";

/**
 * Names of a declared host's egress objects and of its DestinationRule subset: readable where that name can
 * belong to one host only, else a readable prefix plus a short hash of the host. A name depends on its host
 * alone (adding a host never renames another's objects), and the two forms never meet:
 * - the readable forms spell a wildcard's `*` as `wildcard`, so a host whose own first label is `wildcard`
 *   would read like the wildcard on its parent (`wildcard.example.com`, `*.example.com`): it is hashed;
 * - a subset is a DNS label, so the host's dots become '-': only a host without '-' keeps it readable
 *   (`a-b.example.com` and `a.b-example.com` would both read `a-b-example-com`);
 * - a hashed object name has no '.', which every readable one has (a host has two labels or more); a hashed
 *   subset has "--", which no readable one has (a host's dots are never adjacent);
 * - a name past its limit is hashed: object names (the longest, with `-tls`) stay DNS-1123 subdomains
 *   (253), subsets DNS-1123 labels (63), as Kubernetes and Istio require.
 */

/** Kubernetes' limit on an object name (a DNS-1123 subdomain) and on a label (a subset name). */
export const OBJECT_NAME_LIMIT = 253;
export const SUBSET_NAME_LIMIT = 63;
/** The longest suffix an egress object name is given (the TLS origination DestinationRule's). */
export const ORIGINATION_SUFFIX = "-tls";
const OBJECT_PREFIX = "egress-";
/** A hashed name is at most a label long, with room for the origination suffix. */
const HASHED_LIMIT = SUBSET_NAME_LIMIT - ORIGINATION_SUFFIX.length;
const HASH_LENGTH = 10;

const isWildcard = (host: string) => host.startsWith("*.");
/** The host with a wildcard's `*` spelled `wildcard`. */
const spelled = (host: string) => host.replace(/^\*\./, "wildcard.");
/** A host that is not a wildcard but reads like one once a wildcard's `*` is spelled out. */
const readsLikeWildcard = (host: string) => !isWildcard(host) && host.startsWith("wildcard.");

/** `<readable prefix>--<hash of the host>`, a DNS label of at most HASHED_LIMIT characters. */
function hashedName(prefix: string, host: string): string {
  const hash = createHash("sha256").update(host).digest("hex").slice(0, HASH_LENGTH);
  const readable = `${prefix}${spelled(host).replace(/\./g, "-")}`.slice(0, HASHED_LIMIT - HASH_LENGTH - 2).replace(/-+$/, "");
  return `${readable}--${hash}`;
}

/** A host's objects' name: `egress-<host>` (a wildcard's `*` spelled `wildcard`), or hashed (see above). */
export function egressObjectName(host: string): string {
  const readable = `${OBJECT_PREFIX}${spelled(host)}`;
  if (readsLikeWildcard(host) || readable.length + ORIGINATION_SUFFIX.length > OBJECT_NAME_LIMIT) return hashedName(OBJECT_PREFIX, host);
  return readable;
}

/** The DestinationRule subset of the gateway that carries one host (a DNS label): `api-openai-com`, or hashed. */
export function egressSubsetName(host: string): string {
  const readable = spelled(host).replace(/\./g, "-");
  if (readsLikeWildcard(host) || host.includes("-") || readable.length > SUBSET_NAME_LIMIT) return hashedName("", host);
  return readable;
}
