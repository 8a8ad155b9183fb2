import { isObject, record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined, type RuleMessage } from "../engine/unknown";
import { podSpecSites } from "../pod-security/evaluate";
import type { KubernetesObjectLike } from "../pod-security/pod-spec";
import { imagePinProblem } from "./image-reference";

const UNKNOWN_IMAGE = Symbol("unknown image");

/** Keys under which an unknown value could hold images (a container list, a pod template): the rest are names, ARNs, annotations. */
const MAY_HOLD_IMAGES = new Set(["image", "containers", "initContainers", "ephemeralContainers", "template", "spec"]);

/**
 * Every `image` string inside an object's spec: containers of every pod-bearing kind, and the image fields of
 * operators' custom resources (OpsTree `kubernetesConfig.image`, PGO `image`, …), wherever they sit. A value
 * unknown until apply is listed where it may hold an image.
 */
export function imageFields(spec: unknown, path = "spec"): { path: string; image: string | typeof UNKNOWN_IMAGE }[] {
  if (isUnknown(spec)) return MAY_HOLD_IMAGES.has(path.slice(path.lastIndexOf(".") + 1)) ? [{ path, image: UNKNOWN_IMAGE }] : [];
  if (Array.isArray(spec)) return spec.flatMap((item, i) => imageFields(item, `${path}[${i}]`));
  if (!isObject(spec)) return [];
  return Object.entries(spec).flatMap(([key, value]) =>
    key === "image" && typeof value === "string" ? [{ path: `${path}.image`, image: value }] : imageFields(value, `${path}.${key}`),
  );
}

/** Istio's sidecar injector fills `image: auto` in the pods it injects (the gateway's), from its own pinned proxy image. */
export const ISTIO_AUTO_IMAGE = "auto";
const INJECT = "sidecar.istio.io/inject";
const INJECT_TEMPLATES = "inject.istio.io/templates";

/** The paths of the containers whose pods ask Istio to inject them (label or annotation), where `image: auto` is filled in. */
function injectedContainerPaths(object: KubernetesObjectLike): string[] {
  return podSpecSites(object)
    .filter(({ site }) => {
      const labels = record(site.metadata.labels);
      const annotations = record(site.metadata.annotations);
      return labels[INJECT] === "true" || annotations[INJECT] === "true" || typeof annotations[INJECT_TEMPLATES] === "string";
    })
    .flatMap(({ site }) => [`${site.path}.containers[`, `${site.path}.initContainers[`]);
}

/**
 * An image is what runs: a tag can be moved, "latest" always is, and a name without its registry is whatever
 * the node's runtime finds first. Pinned means a version tag or a digest, from a named registry
 * (image-reference.ts).
 */
export const supplyChainPinnedImages: ResourceRule = {
  name: "supply-chain-pinned-images",
  family: "supply-chain",
  summary: "every image in an object's spec (containers, operators' image fields) is pinned: a version tag (with a version number; not latest in any case) or a digest, and names its registry host; Istio's image: auto in pods it injects is filled by istiod",
  scope: "resource",
  checkSubject(subject) {
    if (!subject.object) return [];
    const injected = injectedContainerPaths(subject.object);
    return imageFields(subject.object.spec).flatMap(({ path, image }): RuleMessage[] => {
      if (image === UNKNOWN_IMAGE) return [undetermined(path, "whether its image is pinned could not be judged in this preview")];
      if (image === ISTIO_AUTO_IMAGE && injected.some((prefix) => path.startsWith(prefix))) return [];
      const problem = imagePinProblem(image);
      return problem ? [`${path}: ${problem}`] : [];
    });
  },
};
