import type { IVolume } from "kubernetes-models/v1/Volume";
import { list, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** A hostPath volume reads or writes the node's filesystem. */
export function checkHostPathVolumes(spec: PodSpec): string[] {
  return list<IVolume>(spec.volumes)
    .filter((volume) => volume?.hostPath != null)
    .map((volume) => `volume ${quote(volume.name)} must not be a hostPath volume`);
}

export const hostPathVolumes: PodSecurityRule = {
  name: "pss-host-path-volumes",
  checkId: "hostPathVolumes",
  level: "baseline",
  summary: "no hostPath volume",
  check: checkHostPathVolumes,
};
