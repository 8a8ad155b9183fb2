import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import type { SucceededRun } from "../offline/run";
import { assertOk, CLUSTER_TYPE, EXISTING, EXISTING_CLUSTER_TYPE, EXISTING_LAYERS, isAwsResource, ofType } from "./cluster-support";
import { isKubernetesResource, onlyOne } from "./graph-support";
import { runWithConfig } from "./harness";

/** A value registered as a Pulumi secret: its plain value, or undefined when it is not a secret. */
function secretValue(value: unknown): unknown {
  const v = value as Record<string, unknown> | undefined;
  return v && v[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig ? v.value : undefined;
}

function kubernetesProvider(run: SucceededRun) {
  return onlyOne(ofType(run, "pulumi:providers:kubernetes"), "Kubernetes provider");
}

describe("existing-cluster mode", () => {
  let run: SucceededRun;

  before(async () => {
    run = assertOk(await runWithConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_LAYERS }));
  });

  it("registers no AWS resource (and no AWS provider) at all, and no Cluster", () => {
    assert.deepEqual(run.resources.filter(isAwsResource).map((r) => r.urn), []);
    assert.equal(ofType(run, CLUSTER_TYPE).length, 0);
    const component = onlyOne(ofType(run, EXISTING_CLUSTER_TYPE), "ExistingCluster");
    assert.equal(run.resources.find((r) => r.urn === component.parent)?.type, "strata:platform:Platform");
    // Nothing but the provider hangs under it: no StorageClass (the team's cluster has its own default).
    assert.deepEqual(run.resources.filter((r) => r.parent === component.urn).map((r) => r.type), ["pulumi:providers:kubernetes"]);
  });

  it("the Kubernetes provider is built from the configured kubeconfig (registered as a secret) and context", () => {
    const provider = kubernetesProvider(run);
    assert.equal(secretValue(provider.inputs.kubeconfig), EXISTING.kubeconfig, "the kubeconfig is not registered as a secret");
    assert.equal(provider.inputs.context, EXISTING.context);
  });

  it("every application layer is still deployed, through that provider, waiting for no node group", () => {
    const provider = kubernetesProvider(run);
    assert.equal(ofType(run, "strata:layers:ApplicationLayer").length, 6);
    const k8s = run.resources.filter(isKubernetesResource);
    assert.ok(k8s.length > 50);
    for (const r of k8s) assert.ok(r.provider?.startsWith(`${provider.urn}::`), r.urn);
    const urns = new Set(run.resources.map((r) => r.urn));
    for (const r of k8s) for (const d of r.dependsOn) assert.ok(urns.has(d) && !d.includes("aws:"), `${r.urn} depends on ${d}`);
  });

  it("outputs: the configured name, OIDC provider and bucket names; the kubeconfig, secret", () => {
    assert.deepEqual(run.outputs.cluster, {
      mode: "existing",
      name: EXISTING.name,
      oidcProviderArn: EXISTING.oidcProviderArn,
      oidcProviderUrl: EXISTING.oidcProviderUrl,
      buckets: EXISTING.buckets,
    });
    assert.equal(run.outputs.kubeconfig, "[secret]");
    assert.deepEqual(run.secretOutputs, ["kubeconfig", "redis.password"]);
  });

  it("with a context only: the ambient kubeconfig's context, no kubeconfig output", async () => {
    const { kubeconfig: _kubeconfig, ...contextOnly } = EXISTING;
    const only = assertOk(await runWithConfig({ profile: "dev", cluster: contextOnly, ...EXISTING_LAYERS }));
    const provider = kubernetesProvider(only);
    assert.equal(provider.inputs.kubeconfig, undefined);
    assert.equal(provider.inputs.context, EXISTING.context);
    assert.ok(!("kubeconfig" in only.outputs));
    assert.deepEqual(only.secretOutputs, ["redis.password"]);
    assert.deepEqual(only.resources.filter(isAwsResource), []);
  });

  it("with a kubeconfig only: no context", async () => {
    const { context: _context, ...kubeconfigOnly } = EXISTING;
    const only = assertOk(await runWithConfig({ profile: "dev", cluster: kubeconfigOnly, ...EXISTING_LAYERS }));
    const provider = kubernetesProvider(only);
    assert.equal(secretValue(provider.inputs.kubeconfig), EXISTING.kubeconfig);
    assert.equal(provider.inputs.context, undefined);
  });
});
