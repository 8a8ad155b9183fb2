import type * as pulumi from "@pulumi/pulumi";
import { spotShare } from "../../config/layers/demand";
import { defineCapability, pulumiSdk, type LayerObjectsContext } from "../capability";
import { cluster, clusterComponents, type EksClusterSpec } from "../cluster";
import { karpenterIssues } from "./checks";
import type { Karpenter } from "./component";
import { karpenterProfileDefaults } from "./defaults";
import { karpenterDesiredState } from "./desired-state";
import { KARPENTER_AWS_GROUP, KARPENTER_GROUP, KARPENTER_NAMESPACE, KARPENTER_ROLE } from "./names";
import { karpenterImages, karpenterPin } from "./pins";
import { capacityReport, poolCapacity, type PoolCapacityOutput } from "./report";
import { resolveKarpenter } from "./resolve";
import { karpenterSchema } from "./schema";
import type { KarpenterSpec } from "./spec";

export type { Karpenter, KarpenterArgs } from "./component";

/**
 * Its Pulumi components, loaded when first deployed: the config, the desired state, the render and `strata
 * capabilities` read this module without loading the Pulumi SDK (components/index.ts exports the classes).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const karpenterComponents = (): typeof import("./component") => require("./component");
export { karpenterDesiredState, KARPENTER_EGRESS_REASON, type KarpenterPlan } from "./desired-state";
export { karpenterControllerPolicy } from "./iam";
export { interruptionQueuePolicy, interruptionRules } from "./interruption";
export { outsideWindowBudget, windowSchedule } from "./maintenance-window";
export * from "./names";
export { karpenterImages, karpenterPin, NODE_IMAGE_ALIAS } from "./pins";
export { MIN_SPOT_INSTANCE_TYPES } from "./defaults";
export type * from "./spec";

/** The stack's `karpenter` output. */
export interface KarpenterOutputs {
  namespace: string;
  /** The SQS queue EC2's interruption events reach Karpenter through. */
  interruptionQueue: string;
  /** The controller's IRSA role. */
  controllerRoleArn: string;
  /** Per pool: limits, and the application layers' requests at baseline and at peak. */
  nodePools: Record<string, PoolCapacityOutput>;
  /** The spot share of the application layers' requested CPU (0–1), at baseline and at peak. */
  spotShare: { baseline?: number; peak?: number };
}

/** Shares to a tenth of a percent (what a report needs; no float noise in the output). */
function roundedShare(share: { baseline?: number; peak?: number }): { baseline?: number; peak?: number } {
  return Object.fromEntries(Object.entries(share).map(([k, v]) => [k, v === undefined ? v : Number(v.toFixed(3))]));
}

function eksCluster(context: Pick<LayerObjectsContext, "resolved">): EksClusterSpec {
  const spec = context.resolved.of(cluster);
  if (spec?.mode !== "eks") throw new Error("Karpenter runs on an EKS cluster Strata creates");
  return spec;
}

/**
 * Node autoscaling with Karpenter (`cluster.autoscaling.mode: karpenter`, the default on EKS): a NodePool per
 * pool from the placement definition (spot, on-demand, stateful, and gpu where the cluster has one), the
 * EC2NodeClasses they launch with, the controller on the system pool, and interruption handling through an
 * SQS queue fed by EventBridge.
 */
export const karpenter = defineCapability({
  name: "karpenter",
  summary: "node autoscaling with Karpenter: a NodePool per pool within its limits, EC2NodeClasses, spot interruption handling",
  config: { key: "karpenter", schema: karpenterSchema },
  defaults: karpenterProfileDefaults,
  needs: ["cluster"],
  namespaces: [{ name: KARPENTER_NAMESPACE }],
  charts: [karpenterPin],
  images: [karpenterImages.controller],
  // The chart installs its CapacityBuffer CRD too (autoscaling.x-k8s.io); Strata creates none.
  crdGroups: [KARPENTER_GROUP, KARPENTER_AWS_GROUP, "autoscaling.x-k8s.io"],
  checks: karpenterIssues,
  resolve: ({ input, profile, resolved }): KarpenterSpec | undefined => {
    const spec = resolved.of(cluster);
    if (spec?.mode !== "eks" || spec.autoscaling.mode !== "karpenter") return undefined;
    return resolveKarpenter(input ?? {}, spec.autoscaling.pools, profile);
  },
  desiredState(spec, context) {
    const plan = karpenterDesiredState(spec, { clusterName: context.identity.cluster, vpcCidr: eksCluster(context).vpcCidr, roleArn: context.cloud.roleArn(KARPENTER_ROLE) });
    return [{ name: "karpenter", helmCharts: [plan.chart], objects: [...plan.prerequisites, ...plan.customResources] }];
  },
  deploy(spec, context): Karpenter {
    const nodes = context.handle(cluster);
    if (!(nodes instanceof clusterComponents().Cluster) || !context.awsProvider) throw new Error("Karpenter runs on an EKS cluster Strata creates");
    return new (karpenterComponents().Karpenter)(
      "karpenter",
      { spec, cluster: nodes, clusterName: context.identity.cluster, vpcCidr: eksCluster(context).vpcCidr, provider: nodes.kubernetesProvider, awsProvider: context.awsProvider },
      { parent: context.parent },
    );
  },
  // A layer's pods are scheduled once its pool's NodePool exists (Karpenter then starts nodes for them).
  layerPodsWaitFor: (handle, layer) => {
    const pool = handle.nodePools.get(layer.capacityClass);
    return pool ? [pool] : [];
  },
  crdInstaller: (handle) => handle.release,
  report: (spec, context) => capacityReport(spec, context.platform.layers),
  outputs: (handle, spec, context) => ({
    karpenter: pulumiSdk().output({
      namespace: KARPENTER_NAMESPACE,
      interruptionQueue: handle.queue.name,
      controllerRoleArn: handle.role.arn,
      nodePools: poolCapacity(spec, context.platform.layers),
      spotShare: roundedShare(spotShare(context.platform.layers)),
    }) as pulumi.Output<KarpenterOutputs>,
  }),
});
