import { podPlacement } from "../../platform/placement";
import type { ServiceAccountRef } from "../../manifests/aws-iam";

/**
 * The EKS managed add-ons Strata installs, as plain data: which, in what order relative to the nodes, with
 * which configuration and, where the add-on calls AWS, the service account its IRSA role is for and the
 * AWS managed policy that role gets.
 *
 * The cluster is created without EKS's self-managed defaults (`bootstrapSelfManagedAddons: false`): these
 * are the only networking, DNS, proxy and storage components, and EKS keeps them patched.
 */
export const addonNames = ["vpc-cni", "kube-proxy", "coredns", "aws-ebs-csi-driver"] as const;
export type AddonName = (typeof addonNames)[number];

export interface AddonPlan {
  name: AddonName;
  /**
   * Installed before the node groups (nodes only become Ready with a CNI), or after them (the add-on runs
   * a Deployment that needs nodes to become active).
   */
  phase: "before-nodes" | "after-nodes";
  /** The add-on's configuration values (its JSON schema is `aws eks describe-addon-configuration`). */
  configuration?: Record<string, unknown>;
  /** The exact version, when the stack pins one. */
  version?: string;
  /** The service account the add-on calls AWS as, with the managed policy its IRSA role gets. */
  irsa?: { serviceAccount: ServiceAccountRef; managedPolicy: string };
}

/** System components run on the system pool: its nodeSelector and tolerations, from the placement definition. */
function onSystemPool(): { nodeSelector: Record<string, string>; tolerations: unknown[] } {
  const { nodeSelector, tolerations } = podPlacement("system");
  return { nodeSelector, tolerations };
}

/** The add-on plans, each with its pinned version from `versions` when there is one. */
export function clusterAddons(versions: Partial<Record<AddonName, string>> = {}): AddonPlan[] {
  const plans: AddonPlan[] = [
    {
      name: "vpc-cni",
      phase: "before-nodes",
      // Without the network policy agent, EKS does not enforce NetworkPolicies: every namespace's
      // default-deny would be decoration.
      configuration: { enableNetworkPolicy: "true" },
      irsa: { serviceAccount: { namespace: "kube-system", name: "aws-node" }, managedPolicy: "AmazonEKS_CNI_Policy" },
    },
    { name: "kube-proxy", phase: "before-nodes" },
    { name: "coredns", phase: "after-nodes", configuration: { ...onSystemPool() } },
    {
      name: "aws-ebs-csi-driver",
      phase: "after-nodes",
      // The controller on the system pool. The node plugin (a DaemonSet) must run on every node, tainted
      // pools included (stateful pods mount volumes there): said explicitly rather than left to a default.
      configuration: { controller: onSystemPool(), node: { tolerateAllTaints: true } },
      irsa: {
        serviceAccount: { namespace: "kube-system", name: "ebs-csi-controller-sa" },
        managedPolicy: "service-role/AmazonEBSCSIDriverPolicy",
      },
    },
  ];
  return plans.map((plan) => (versions[plan.name] ? { ...plan, version: versions[plan.name] } : plan));
}
