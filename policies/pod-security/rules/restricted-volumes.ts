import type { IVolume } from "kubernetes-models/v1/Volume";
import { isUnknown, undetermined, type RuleMessage } from "../../engine/unknown";
import { list, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/**
 * Volume sources that only project API data, scratch space, images or storage an administrator set up
 * through PersistentVolumes/CSI. `image` has been allowed since the reference implementation's fix for
 * image volumes (Kubernetes 1.33), at every version.
 */
export const RESTRICTED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
]);

/** The source fields a volume sets (every field but its name; null counts as unset). */
function volumeSources(volume: IVolume): string[] {
  return Object.entries(volume as unknown as Record<string, unknown>).filter(([key, value]) => key !== "name" && value != null).map(([key]) => key);
}

/**
 * Restricted allows only those sources. A volume with no source at all is an emptyDir: the API server
 * defaults it so, which is why the reference fixtures count it as allowed. The source is a volume's key, so
 * an unknown value under a known key is judged by its key; only a volume unknown as a whole is not.
 */
export function checkRestrictedVolumes(spec: PodSpec): RuleMessage[] {
  const messages: RuleMessage[] = [];
  for (const volume of list<IVolume>(spec.volumes)) {
    if (isUnknown(volume)) {
      messages.push(undetermined("a volume (its source)"));
      continue;
    }
    const restricted = volumeSources(volume ?? {}).filter((source) => !RESTRICTED_VOLUME_SOURCES.has(source));
    if (restricted.length) {
      messages.push(`volume ${quote(volume.name)} must not use the restricted volume type ${restricted.map(quote).join(", ")} (allowed: ${[...RESTRICTED_VOLUME_SOURCES].join(", ")})`);
    }
  }
  return messages;
}

export const restrictedVolumes: PodSecurityRule = {
  name: "pss-restricted-volumes",
  checkId: "restrictedVolumes",
  level: "restricted",
  summary: "volumes only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret",
  check: checkRestrictedVolumes,
};
