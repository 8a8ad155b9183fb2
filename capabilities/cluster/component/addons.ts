import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AddonName, AddonPlan } from "../addons";
import type { IrsaRole } from "../../../components/irsa";

export interface AddonsOptions {
  /** The component the add-ons belong to, and its name (their names start with it). */
  parent: pulumi.Resource;
  name: string;
  clusterName: pulumi.Input<string>;
  /** The IRSA role of each add-on that calls AWS. */
  roles: ReadonlyMap<AddonName, IrsaRole>;
  /** What the add-ons need first (the node groups, for those that run Deployments). */
  dependsOn?: pulumi.Resource[];
  provider: pulumi.ProviderResource;
}

/**
 * EKS managed add-ons, from ../addons.ts. Unpinned, EKS picks the add-on version for the
 * cluster's Kubernetes version; Strata owns their configuration (conflicts are overwritten).
 */
export function registerAddons(plans: AddonPlan[], opts: AddonsOptions): Map<AddonName, aws.eks.Addon> {
  const addons = new Map<AddonName, aws.eks.Addon>();
  for (const plan of plans) {
    const role = opts.roles.get(plan.name);
    if (plan.irsa && !role) throw new Error(`add-on ${plan.name} needs its IRSA role`);
    addons.set(
      plan.name,
      new aws.eks.Addon(
        `${opts.name}-${plan.name}`,
        {
          clusterName: opts.clusterName,
          addonName: plan.name,
          ...(plan.version ? { addonVersion: plan.version } : {}),
          ...(plan.configuration ? { configurationValues: JSON.stringify(plan.configuration) } : {}),
          ...(role ? { serviceAccountRoleArn: role.arn } : {}),
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
        },
        { parent: opts.parent, provider: opts.provider, dependsOn: opts.dependsOn ?? [] },
      ),
    );
  }
  return addons;
}
