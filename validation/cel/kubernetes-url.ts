import { celFunc, celMethod, CelScalar, listType, mapType, type CelFunc, type CelMap } from "@bufbuild/cel";

/**
 * Kubernetes' CEL URL library (k8s.io/apiserver/pkg/cel/library/urls.go), which upstream CRDs use (Istio:
 * `url(self).getScheme()`, `isURL(self)`). A URL value is a map of its parsed parts, so that its methods
 * apply to URLs only, not to every string or map.
 */

const URL_TYPE = mapType(CelScalar.STRING, CelScalar.STRING);

/** Like Go's url.Parse as Kubernetes uses it: absolute URLs, or absolute paths. */
function parseUrl(text: string): Map<string, string> {
  const absolute = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text);
  if (!absolute && !text.startsWith("/")) throw new Error(`URL parse error during conversion from string: ${text}`);
  const u = new URL(text, absolute ? undefined : "relative:///");
  return new Map([
    ["scheme", absolute ? u.protocol.replace(/:$/, "") : ""],
    ["host", absolute ? u.host : ""],
    ["hostname", absolute ? u.hostname.replace(/^\[(.*)\]$/, "$1") : ""],
    ["port", absolute ? u.port : ""],
    ["path", u.pathname],
    ["query", u.search.replace(/^\?/, "")],
  ]);
}

function isUrl(text: string): boolean {
  try {
    parseUrl(text);
    return true;
  } catch {
    return false;
  }
}

const part = (name: string) =>
  function (this: CelMap): string {
    return String(this.get(name) ?? "");
  };

export const kubernetesUrlFunctions: CelFunc[] = [
  celFunc("url", [CelScalar.STRING], URL_TYPE, parseUrl),
  celFunc("isURL", [CelScalar.STRING], CelScalar.BOOL, isUrl),
  celMethod("getScheme", URL_TYPE, [], CelScalar.STRING, part("scheme")),
  celMethod("getHost", URL_TYPE, [], CelScalar.STRING, part("host")),
  celMethod("getHostname", URL_TYPE, [], CelScalar.STRING, part("hostname")),
  celMethod("getPort", URL_TYPE, [], CelScalar.STRING, part("port")),
  celMethod("getEscapedPath", URL_TYPE, [], CelScalar.STRING, part("path")),
  celMethod("getQuery", URL_TYPE, [], mapType(CelScalar.STRING, listType(CelScalar.STRING)), function (this: CelMap) {
    const query = new Map<string, string[]>();
    for (const [k, v] of new URLSearchParams(String(this.get("query") ?? ""))) query.set(k, [...(query.get(k) ?? []), v]);
    return query;
  }),
];
