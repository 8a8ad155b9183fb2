import { imagePinProblem } from "./image-reference";
import { isObject } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";

/**
 * Every `image` string inside an object's spec: containers of every pod-bearing kind, and the image fields of
 * operators' custom resources (OpsTree `kubernetesConfig.image`, PGO `image`, …), wherever they sit.
 */
export function imageFields(spec: unknown, path = "spec"): { path: string; image: string }[] {
  if (Array.isArray(spec)) return spec.flatMap((item, i) => imageFields(item, `${path}[${i}]`));
  if (!isObject(spec)) return [];
  return Object.entries(spec).flatMap(([key, value]) =>
    key === "image" && typeof value === "string" ? [{ path: `${path}.image`, image: value }] : imageFields(value, `${path}.${key}`),
  );
}

/** An image is what runs: a tag can be moved, "latest" always is. Pinned means a version tag or a digest. */
export const supplyChainPinnedImages: ResourceRule = {
  name: "supply-chain-pinned-images",
  family: "supply-chain",
  summary: "every image in an object's spec (containers, operators' image fields) is pinned: a version tag other than latest, or a digest",
  scope: "resource",
  checkSubject(subject) {
    if (!subject.object) return [];
    return imageFields(subject.object.spec).flatMap(({ path, image }) => {
      const problem = imagePinProblem(image);
      return problem ? [`${path}: ${problem}`] : [];
    });
  },
};
