/**
 * Container image references, after the distribution reference grammar: [registry/]path[:tag][@digest].
 *
 * The pin policy (Strata's config and the pack's `supply-chain-pinned-images` both apply it):
 * - a digest pins; else the tag must name a version: it holds a version number (a digit), and is not
 *   "latest" in any case. `1.27`, `v0.42.0`, `ubi9-17.6-2542` pin; `latest`, `Latest`, `stable`, `main` move;
 * - the registry host is named (`docker.io/library/nginx`, not `nginx`): a short name is resolved by each
 *   node's container runtime, against whatever registries it searches.
 */
const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REGISTRY = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "sha256:[a-f0-9]{64}";
const REFERENCE = new RegExp(`^(${REGISTRY}?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImageReference(image: string): ImageReference | undefined {
  const match = REFERENCE.exec(image);
  if (!match) return undefined;
  return { repository: match[1], tag: match[2], digest: match[3] };
}

/** The registry host a repository names (its first component, when that is a host: a dot, a port, or localhost). */
export function registryHost(repository: string): string | undefined {
  const slash = repository.indexOf("/");
  if (slash < 0) return undefined;
  const first = repository.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : undefined;
}

/** Why an image reference is not acceptable, or undefined when it is well-formed and pinned. */
export function imagePinProblem(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref) return `"${image}" is not a valid image reference`;
  if (!ref.digest) {
    if (!ref.tag) return `"${image}" has no tag: pin a version tag or a digest`;
    if (ref.tag.toLowerCase() === "latest") return `"${image}" uses the tag "${ref.tag}": pin a version tag or a digest`;
    if (!/[0-9]/.test(ref.tag)) return `"${image}" uses the tag "${ref.tag}", which names no version: pin a version tag (one with a version number) or a digest`;
  }
  if (!registryHost(ref.repository)) return `"${image}" names no registry: give its host (e.g. docker.io/${ref.repository.includes("/") ? "" : "library/"}${ref.repository}) so no node resolves it against a search list`;
  return undefined;
}
