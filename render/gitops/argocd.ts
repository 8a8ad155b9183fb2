import { SYNC_WAVE_ANNOTATION } from "../sync-wave";
import type { KubernetesObject } from "../../manifests/kubernetes-object";
import type { LayerOrder } from "./order";
import { treePath, type TreeRepository } from "./repository";

/** Where Argo CD runs and reads its Applications from. */
export const ARGOCD_NAMESPACE = "argocd";
const IN_CLUSTER = "https://kubernetes.default.svc";
export const ARGOCD_API_VERSION = "argoproj.io/v1alpha1";

/** Retries with backoff: a layer whose CRDs another layer's chart is still installing succeeds on a later try. */
const RETRY = { limit: 10, backoff: { duration: "10s", factor: 2, maxDuration: "5m" } };

export const argoApplicationName = (stack: string, layer: string) => `${stack}-${layer}`;

function application(name: string, path: string, repo: TreeRepository, extra: { wave?: number; syncOptions: string[] }): KubernetesObject {
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: "Application",
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      ...(extra.wave !== undefined ? { annotations: { [SYNC_WAVE_ANNOTATION]: String(extra.wave) } } : {}),
      // Deleting the Application deletes what it deployed.
      finalizers: ["resources-finalizer.argocd.argoproj.io"],
    },
    spec: {
      project: "default",
      source: { repoURL: repo.url, targetRevision: repo.branch, path },
      destination: { server: IN_CLUSTER },
      syncPolicy: { automated: { prune: true, selfHeal: true }, ...(extra.syncOptions.length ? { syncOptions: extra.syncOptions } : {}), retry: RETRY },
    },
  };
}

/**
 * The app of apps: a root Application over `argocd/apps`, which holds one Application per layer, each in
 * the sync wave of its order (CRD-bearing charts first, the custom resources that need them after, each
 * application layer after its dependsOn). A layer whose own chart brings the CRDs of some of its objects
 * skips the dry run of kinds the cluster does not know yet (SkipDryRunOnMissingResource).
 */
export function argoCdObjects(stack: string, order: readonly LayerOrder[], repo: TreeRepository): { root: KubernetesObject; apps: KubernetesObject[] } {
  const apps = order.map((layer) =>
    application(argoApplicationName(stack, layer.name), treePath(repo, layer.name, "argocd"), repo, {
      wave: layer.wave,
      syncOptions: layer.ownCrds ? ["SkipDryRunOnMissingResource=true"] : [],
    }),
  );
  const root = application(`${stack}-root`, treePath(repo, "argocd/apps", "argocd"), repo, { syncOptions: [] });
  return { root, apps };
}
