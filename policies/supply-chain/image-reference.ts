/**
 * Container image references, after the distribution reference grammar: [registry/]path[:tag][@digest].
 * Strata only deploys pinned images: a digest, or a tag other than "latest".
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

/** Why an image reference is not acceptable, or undefined when it is well-formed and pinned. */
export function imagePinProblem(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (!ref) return `"${image}" is not a valid image reference`;
  if (ref.digest) return undefined;
  if (!ref.tag) return `"${image}" has no tag: pin a version tag or a digest`;
  if (ref.tag === "latest") return `"${image}" uses the tag "latest": pin a version tag or a digest`;
  return undefined;
}
