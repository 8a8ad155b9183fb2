import { nodePools } from "../platform/placement";
import { record } from "../engine/fields";
import type { ResourceRule } from "../engine/rule";
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
    const stateful = Object.entries(nodePools.stateful.nodeLabels).every(([k, v]) => labels[k] === v);
    const capacityType = subject.inputs.capacityType ?? ON_DEMAND;
    if (!stateful || capacityType === ON_DEMAND) return [];
    return [`a node group of the stateful pool uses capacityType ${capacityType}: stateful data never runs on spot; use ${ON_DEMAND}`];
  },
};
