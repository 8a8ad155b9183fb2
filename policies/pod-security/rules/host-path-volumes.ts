import type { IVolume } from "kubernetes-models/v1/Volume";
import { judge, type RuleMessage } from "../../engine/unknown";
import { list, quote, type PodSpec } from "../pod";
import type { PodSecurityRule } from "../rule";

/** A hostPath volume reads or writes the node's filesystem. */
export function checkHostPathVolumes(spec: PodSpec): RuleMessage[] {
  return list<IVolume>(spec.volumes).flatMap((volume) =>
    judge(volume?.hostPath, (v) => v != null, () => `volume ${quote(volume.name)} must not be a hostPath volume`, `volume ${quote(volume?.name)} hostPath`),
  );
}

export const hostPathVolumes: PodSecurityRule = {
  name: "pss-host-path-volumes",
  checkId: "hostPathVolumes",
  level: "baseline",
  summary: "no hostPath volume",
  check: checkHostPathVolumes,
};
