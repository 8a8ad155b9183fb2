import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import { IrsaRole } from "../components/irsa";
import { clusterAddons, irsaTrustPolicy } from "../capabilities/cluster/desired-state";
import type { RecordedResource } from "../offline/recorder";
import { runProgramOffline, type SucceededRun } from "../offline/run";
import { assertOk, descendsFrom, EXISTING, inputs, ofType, policy, T } from "./cluster-support";
import { onlyOne } from "./graph-support";
import { stackRun, STACKS } from "./harness";

/**
 * IRSA: every role a Kubernetes service account assumes trusts exactly that service account, with a token
 * meant for STS, issued by this cluster. Checked from IAM's semantics: one Allow statement for
 * sts:AssumeRoleWithWebIdentity, federated to the cluster's OIDC provider, with StringEquals on `<issuer>:sub`
 * and `<issuer>:aud` and no other condition (a StringLike or a missing `sub` would let other pods in).
 */

interface Trust {
  provider: string;
  issuer: string;
  subject: string;
  audience: string;
}

function trustOf(role: RecordedResource): Trust {
  const doc = policy(inputs(role).assumeRolePolicy);
  assert.equal(doc.Version, "2012-10-17");
  assert.equal(doc.Statement.length, 1, `${role.name}: ${doc.Statement.length} statements`);
  const [s] = doc.Statement;
  assert.equal(s.Effect, "Allow");
  assert.equal(s.Action, "sts:AssumeRoleWithWebIdentity");
  assert.deepEqual(Object.keys(s.Principal), ["Federated"]);
  assert.deepEqual(Object.keys(s.Condition), ["StringEquals"], `${role.name}: conditions other than StringEquals`);
  const entries = Object.entries(s.Condition.StringEquals as Record<string, string>);
  assert.equal(entries.length, 2, `${role.name}: ${entries.length} condition keys`);
  const sub = entries.filter(([k]) => k.endsWith(":sub"));
  const aud = entries.filter(([k]) => k.endsWith(":aud"));
  assert.equal(sub.length, 1);
  assert.equal(aud.length, 1);
  const issuer = sub[0][0].slice(0, -":sub".length);
  assert.equal(aud[0][0], `${issuer}:aud`, `${role.name}: sub and aud name different issuers`);
  for (const [, v] of entries) assert.equal(typeof v, "string", `${role.name}: a condition value is a list`);
  return { provider: s.Principal.Federated, issuer, subject: sub[0][1], audience: aud[0][1] };
}

/** The IRSA roles of the cluster and the service layers (pgBackRest's, trusting two accounts, is tested with Postgres). */
function federatedRoles(run: SucceededRun): RecordedResource[] {
  const postgres = ofType(run, "strata:data:Postgres").map((c) => c.urn);
  return ofType(run, T.role).filter(
    (r) => !postgres.some((urn) => descendsFrom(run, r, urn)) && policy(inputs(r).assumeRolePolicy).Statement.some((s: any) => s.Principal?.Federated),
  );
}

describe("IRSA roles", () => {
  for (const stack of STACKS) {
    it(`${stack}: each IRSA role's trust policy names exactly its service account and the STS audience, for this cluster's OIDC provider`, async () => {
      const run = await stackRun(stack);
      const oidc = onlyOne(ofType(run, T.oidc), "OIDC provider");
      const oidcUrl: string = inputs(oidc).url;
      const oidcArn = `arn:aws:iam::123456789012:oidc-provider/${oidcUrl.replace("https://", "")}`;
      const roles = federatedRoles(run);
      const expected = clusterAddons().flatMap((a) => (a.irsa ? [`system:serviceaccount:${a.irsa.serviceAccount.namespace}:${a.irsa.serviceAccount.name}`] : []));
      assert.deepEqual(expected.sort(), ["system:serviceaccount:kube-system:aws-node", "system:serviceaccount:kube-system:ebs-csi-controller-sa"]);
      const trusts = roles.map(trustOf);
      // Besides the add-ons': Karpenter's (tests/karpenter-aws.test.ts), Velero's and each Thanos component's
      // (tests/services-backup-observability.test.ts), the Secrets Manager store's (tests/credentials.test.ts) and the load
      // balancer controller's (tests/edge-graph.test.ts).
      const services = [
        "system:serviceaccount:aws-load-balancer-controller:aws-load-balancer-controller",
        "system:serviceaccount:external-secrets:strata-secrets-manager",
        "system:serviceaccount:karpenter:karpenter",
        "system:serviceaccount:monitoring:prometheus",
        "system:serviceaccount:monitoring:thanos-compact",
        "system:serviceaccount:monitoring:thanos-store",
        "system:serviceaccount:velero:velero",
      ];
      assert.deepEqual(trusts.map((t) => t.subject).sort(), [...expected, ...services].sort(), "the IRSA roles and the service accounts that need one");
      for (const t of trusts) {
        assert.equal(t.provider, oidcArn);
        assert.equal(`https://${t.issuer}`, oidcUrl);
        assert.equal(t.audience, "sts.amazonaws.com");
      }
      // Each IRSA role is made by the one helper and has exactly the add-on's managed policy.
      for (const role of roles) {
        const component = run.resources.find((r) => r.urn === role.parent)!;
        assert.equal(component.type, IrsaRole.type, `${role.name} is not made by IrsaRole`);
        const plan = clusterAddons().find((a) => a.irsa && trustOf(role).subject.endsWith(`:${a.irsa.serviceAccount.name}`));
        // The service layers' roles have inline policies only (their own tests check them).
        if (!plan) continue;
        const attached = ofType(run, T.attachment).filter((a) => a.parent === role.parent).map((a) => inputs(a).policyArn);
        assert.deepEqual(attached, [`arn:aws:iam::aws:policy/${plan.irsa!.managedPolicy}`]);
      }
    });
  }

  it("irsaTrustPolicy (pure): StringEquals on sub and aud under the issuer's host and path", () => {
    const arn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC";
    assert.deepEqual(irsaTrustPolicy(arn, "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", { namespace: "velero", name: "velero" }), {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.us-west-2.amazonaws.com/id/ABC:sub": "system:serviceaccount:velero:velero",
              "oidc.eks.us-west-2.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  it("the helper on its own, with an existing cluster's configured OIDC provider: trust, managed and inline policies, partition from the ARN", async () => {
    const run = assertOk(
      await runProgramOffline({ project: "strata", stack: "irsa", config: {} }, async () => {
        const provider = new aws.Provider("aws", { region: "eu-west-1" });
        const role = new IrsaRole(
          "velero",
          {
            oidcProvider: { arn: EXISTING.oidcProviderArn.replace("arn:aws:", "arn:aws-us-gov:"), url: EXISTING.oidcProviderUrl },
            serviceAccount: { namespace: "velero", name: "velero-server" },
            managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"],
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws-us-gov:s3:::team-velero-backups" }] },
            provider,
          },
        );
        return { arn: role.arn };
      }),
    );
    const [role] = ofType(run, T.role);
    const trust = trustOf(role);
    assert.equal(trust.subject, "system:serviceaccount:velero:velero-server");
    assert.equal(trust.audience, "sts.amazonaws.com");
    assert.equal(`https://${trust.issuer}`, EXISTING.oidcProviderUrl);
    assert.match(trust.provider, /^arn:aws-us-gov:iam::210987654321:oidc-provider\//);
    assert.deepEqual(ofType(run, T.attachment).map((a) => inputs(a).policyArn), ["arn:aws-us-gov:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]);
    const [inline] = ofType(run, T.rolePolicy);
    assert.deepEqual(policy(inputs(inline).policy).Statement[0].Action, "s3:ListBucket");
    for (const r of run.resources.filter((r) => r.type.startsWith("aws:"))) assert.ok(r.provider, `${r.urn} has no explicit provider`);
    assert.match(String(run.outputs.arn), /^arn:aws:iam::\d{12}:role\/velero-/);
  });
});
