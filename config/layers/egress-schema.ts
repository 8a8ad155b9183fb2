import { z } from "zod";
import { portNumber } from "../primitives";
import { isSecretPlaceholder } from "../secret-config";

/**
 * `layers[].egress`: the external hosts a layer calls, by name. The mesh routes each through the egress
 * gateway, which admits it only from the layers that declared it; nothing else leaves the cluster.
 */

/**
 * How the layer speaks to the host: `TLS` (the default) — the app's own TLS, passed through by SNI; `HTTPS` —
 * the app speaks plain HTTP inside the mesh and the egress gateway originates TLS to the host; `HTTP` —
 * plain text all the way (refused in prod unless `allowPlainText`).
 */
export const egressProtocols = ["TLS", "HTTPS", "HTTP"] as const;
export type EgressProtocol = (typeof egressProtocols)[number];

/** The host's port when config names none: 443, or 80 for plain HTTP. */
export function defaultEgressPort(protocol: EgressProtocol): number {
  return protocol === "HTTP" ? 80 : 443;
}

const LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
/** A name of at least two labels, or `*.` and at least one (a wildcard on one label is judged as a public suffix below). */
const HOST_SHAPE = new RegExp(`^(\\*\\.${LABEL}(\\.${LABEL})*|${LABEL}(\\.${LABEL})+)$`);

/** Suffixes the cluster serves itself: Services (and the data services) are reached inside the mesh, never through the egress gateway. */
const CLUSTER_SUFFIXES = ["cluster.local", "svc", "local", "internal"];

/**
 * Why `host` cannot be an external host, or undefined when it can: an exact name or a single-label wildcard
 * under a registrable domain, on a suffix of the public suffix list (private suffixes included, so
 * `*.github.io` is a wildcard on a public suffix too).
 */
export function externalHostProblem(host: string): string | undefined {
  if (host === "*") return 'a bare "*" would admit every host: name the hosts (or one "*.domain" under a registrable domain)';
  const bare = host.replace(/^\[|\]$/g, "");
  // node:net (with the stream and DNS modules it loads) only when a stack declares egress.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isIP } = require("node:net") as typeof import("node:net");
  if (isIP(bare) || /^[0-9.]+$/.test(host)) return `"${host}" is an IP address: declare the host by name (the mesh routes and authorizes by name, and an address can change owner)`;
  if (!HOST_SHAPE.test(host)) {
    if (host.includes("*")) return `"${host}" is not a single-label wildcard: only a leading "*." is allowed, such as "*.example.com"`;
    return `must be a fully qualified host name such as "api.example.com" (lower-case letters, digits, '-' and '.', at least two labels)`;
  }
  const wildcard = host.startsWith("*.");
  const name = wildcard ? host.slice(2) : host;
  if (CLUSTER_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) return `"${host}" is served inside the cluster (${CLUSTER_SUFFIXES.map((s) => `*.${s}`).join(", ")}): call it through the mesh (peers, dataServices), not the egress gateway`;
  // The public suffix list is loaded only for a stack that declares egress.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require("tldts") as typeof import("tldts");
  const parsed = parse(name, { allowPrivateDomains: true });
  if (!parsed.isIcann && !parsed.isPrivate) return `"${host}" is not under a public suffix (its last label "${parsed.publicSuffix}" is not on the public suffix list): only hosts on the internet are external`;
  if (parsed.domain === null || parsed.publicSuffix === name) {
    return wildcard ? `"${host}" is a wildcard on the public suffix "${name}": it would admit every domain registered under it` : `"${host}" is a public suffix, not a host`;
  }
  return undefined;
}

/**
 * A host is not a secret: the mesh routes and authorizes egress by the host's name, which the ServiceEntry,
 * the routes, the gateway's policy and the object names carry in plain text. An encrypted (`secure:`) host
 * reaches check and render as the placeholder: refused as what it is, not as a malformed name.
 */
const SECRET_HOST = "a host is not a secret: the egress objects name it in plain text (ServiceEntry, routes, object names); write it without `secure:`";

export const egressHost = z.string().superRefine((host, ctx) => {
  const problem = isSecretPlaceholder(host) ? SECRET_HOST : externalHostProblem(host);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const egressEntrySchema = z
  .object({
    host: egressHost,
    /** The host's port: 443 by default (80 for HTTP). */
    port: portNumber.optional(),
    protocol: z.enum(egressProtocols).optional(),
    /** Prod refuses plain text (`protocol: HTTP`) unless this says it is meant. */
    allowPlainText: z.boolean().optional(),
  })
  .strict();

export const egressSchema = z.array(egressEntrySchema).min(1);

/** One declared external host, resolved. */
export interface EgressSpec {
  host: string;
  port: number;
  protocol: EgressProtocol;
}

export function resolveEgress(entries: z.output<typeof egressSchema> | undefined): EgressSpec[] {
  return (entries ?? []).map((e) => {
    const protocol = e.protocol ?? "TLS";
    return { host: e.host, port: e.port ?? defaultEgressPort(protocol), protocol };
  });
}
