import { nodePools } from "../platform/placement";
import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
import { isUnknown, undetermined } from "../engine/unknown";
import { awsTypes, isOfType } from "./types";

/** EKS's default capacity type. */
const ON_DEMAND = "ON_DEMAND";

/** The node group that carries the stateful pool's labels (from the placement definition) is never spot. */
export const awsStatefulNodeGroupOnDemand: ResourceRule = {
  name: "aws-stateful-node-group-on-demand",
  family: "aws",
  summary: "node groups of the stateful pool (its node labels in platform/placement.ts) use capacityType ON_DEMAND",
  scope: "resource",
  checkSubject(subject) {
    if (!isOfType(subject, awsTypes.nodeGroup)) return [];
    const labels = record(subject.inputs.labels);
    const poolLabels = Object.entries(nodePools.stateful.nodeLabels);
    const capacityType = subject.inputs.capacityType ?? ON_DEMAND;
    if (capacityType === ON_DEMAND || poolLabels.some(([k, v]) => !isUnknown(labels[k]) && labels[k] !== v)) return [];
    if (isUnknown(capacityType)) return [undetermined("capacityType")];
    if (poolLabels.some(([k]) => isUnknown(labels[k]))) return [undetermined("its node labels", "whether it belongs to the stateful pool could not be judged in this preview")];
    return [`a node group of the stateful pool uses capacityType ${capacityType}: stateful data never runs on spot; use ${ON_DEMAND}`];
  },
};
