import { strict as assert } from "node:assert";
import { clusterProfileDefaults } from "../capabilities/cluster/defaults";
import { clusterAddons, clusterKubernetesObjects, DEFAULT_STORAGE_CLASS_ANNOTATION, EBS_CSI_PROVISIONER } from "../capabilities/cluster/desired-state";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { podPlacement } from "../platform/placement";
import { KUBERNETES_VERSION } from "../platform/versions";
import { assertOk, AWS_PROVIDER_TYPE, CLUSTER_TYPE, descendsFrom, findBy, idOf, inputs, isAwsResource, ofType, policy, roleByArn, roleByName, T } from "./cluster-support";
import { byUrn, onlyOne, stackSpec } from "./graph-support";
import { runValidConfig, runWithConfig, stackRun, STACKS } from "./harness";

/** The service layers that create AWS resources (their IRSA roles). */
/** The service layers that make IRSA roles (the public edge's AWS resources beyond its roles come only with an ALB: tests/edge-graph.test.ts). */
const SERVICE_COMPONENTS = ["strata:backup:Backup", "strata:observability:Observability", "strata:credentials:Credentials", "strata:edge:Edge", "strata:certificates:Certificates", "strata:dns:Dns"];
/** Karpenter's component: its IRSA role, and its interruption queue with the rules that feed it (tests/karpenter-aws.test.ts). */
const KARPENTER_COMPONENT = "strata:karpenter:Karpenter";
const KARPENTER_AWS_TYPES = ["aws:sqs/queue:Queue", "aws:sqs/queuePolicy:QueuePolicy", "aws:cloudwatch/eventRule:EventRule", "aws:cloudwatch/eventTarget:EventTarget"];

const ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

describe("EKS control plane, add-ons and storage", () => {
  for (const stack of STACKS) {
    describe(stack, () => {
      it(`${stack}: every AWS resource is created with the one explicit AWS provider and lives under the Cluster component (or is the Postgres layer's pgBackRest role)`, async () => {
        const run = await stackRun(stack);
        const provider = onlyOne(ofType(run, AWS_PROVIDER_TYPE), "AWS provider");
        const cluster = onlyOne(ofType(run, CLUSTER_TYPE), "Cluster");
        // pgBackRest's IRSA role, made by the cluster's helper, is under the Postgres layer.
        const postgres = onlyOne(ofType(run, "strata:data:Postgres"), "Postgres layer");
        const aws = run.resources.filter((r) => r.type.startsWith("aws:"));
        assert.ok(aws.length > 60, `only ${aws.length} AWS resources`);
        for (const r of aws) {
          assert.ok(r.provider?.startsWith(`${provider.urn}::`), `${r.urn} uses provider ${r.provider}`);
          // The IRSA roles of the service layers and of pgBackRest live under their layer; everything else under the Cluster.
          const karpenter = ofType(run, KARPENTER_COMPONENT);
          const owner = [cluster, postgres, ...karpenter, ...SERVICE_COMPONENTS.flatMap((t) => ofType(run, t))].find((c) => descendsFrom(run, r, c.urn));
          assert.ok(owner, `${r.urn} is not under the Cluster`);
          const interruptionHandling = karpenter.includes(owner) && KARPENTER_AWS_TYPES.includes(r.type) && r.parent === owner.urn;
          if (owner !== cluster && !interruptionHandling) assert.ok(r.urn.includes("strata:cluster:IrsaRole$"), `${r.urn}: a service or data layer creates only IRSA roles in AWS`);
          const parent = byUrn(run.resources).get(r.parent!)!;
          if (!interruptionHandling) assert.match(parent.type, /^strata:cluster:/, `${r.urn}'s parent is a ${parent.type}`);
        }
        assert.equal(inputs(provider).region, "eu-west-1", "the provider takes aws:region from the stack");
        // Every AWS resource is tagged with the project and stack (provider config reaches the engine as JSON).
        assert.deepEqual(JSON.parse(inputs(provider).defaultTags), { tags: { "strata.io/project": "strata", "strata.io/stack": stack } });
        // The deprecated BucketV2 family is not used.
        assert.ok(!run.resources.some((r) => /V2$/.test(r.type)), "a deprecated *V2 resource is registered");
      });

      it(`${stack}: API authentication mode, no self-managed add-ons, Kubernetes ${KUBERNETES_VERSION}, control plane in the private subnets`, async () => {
        const run = await stackRun(stack);
        const eks = inputs(onlyOne(ofType(run, T.eks), "EKS cluster"));
        assert.deepEqual(eks.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true });
        assert.equal(eks.bootstrapSelfManagedAddons, false);
        assert.equal(eks.version, KUBERNETES_VERSION);
        assert.equal(eks.name, `strata-${stack}`);
        const privateSubnets = ofType(run, T.subnet).filter((s) => s.name.includes("-private-")).map(idOf).sort();
        assert.deepEqual([...eks.vpcConfig.subnetIds].sort(), privateSubnets);
      });

      it(`${stack}: the API endpoint is ${stack === "prod" ? "private only" : "private, and public as the dev profile allows"}`, async () => {
        const run = await stackRun(stack);
        const vpc = inputs(ofType(run, T.eks)[0]).vpcConfig;
        assert.equal(vpc.endpointPrivateAccess, true);
        if (stack === "prod") {
          assert.equal(vpc.endpointPublicAccess, false);
          assert.equal(vpc.publicAccessCidrs, undefined);
        } else {
          assert.equal(vpc.endpointPublicAccess, true);
          assert.deepEqual(vpc.publicAccessCidrs, clusterProfileDefaults.dev.publicAccessCidrs);
        }
      });

      it(`${stack}: Secrets are envelope-encrypted with a KMS key that rotates, which the control plane role may use; every KMS key rotates`, async () => {
        const run = await stackRun(stack);
        const eks = ofType(run, T.eks)[0];
        const keys = ofType(run, T.kmsKey);
        assert.equal(keys.length, 2, "one key for Secrets, one for the buckets");
        for (const key of keys) assert.equal(inputs(key).enableKeyRotation, true, `${key.name} does not rotate`);
        const encryption = inputs(eks).encryptionConfig;
        assert.deepEqual(encryption.resources, ["secrets"]);
        const keyArn = encryption.provider.keyArn;
        assert.match(keyArn, /^arn:aws:kms:eu-west-1:\d{12}:key\//);
        const role = roleByArn(run, inputs(eks).roleArn);
        assert.equal(policy(inputs(role).assumeRolePolicy).Statement[0].Principal.Service, "eks.amazonaws.com");
        const keyPolicies = ofType(run, T.rolePolicy).filter((p) => roleByName(run, inputs(p).role) === role);
        assert.equal(keyPolicies.length, 1);
        const statement = policy(inputs(keyPolicies[0]).policy).Statement[0];
        assert.equal(statement.Resource, keyArn);
        assert.ok(statement.Action.includes("kms:Encrypt") && statement.Action.includes("kms:Decrypt"));
        assert.ok(eks.dependsOn.includes(keyPolicies[0].urn), "the cluster may be created before its role can use the key");
      });

      it(`${stack}: control-plane logging with a retained log group created before the cluster`, async () => {
        const run = await stackRun(stack);
        const eks = ofType(run, T.eks)[0];
        const defaults = clusterProfileDefaults[stack];
        assert.deepEqual(inputs(eks).enabledClusterLogTypes, defaults.logTypes);
        if (stack === "prod") assert.deepEqual(inputs(eks).enabledClusterLogTypes, ALL_LOG_TYPES);
        const logs = findBy(run, T.logGroup, "name", `/aws/eks/${inputs(eks).name}/cluster`);
        assert.equal(inputs(logs).retentionInDays, defaults.logRetentionDays);
        assert.ok(eks.dependsOn.includes(logs.urn));
      });

      it(`${stack}: an IAM OIDC provider for the cluster's issuer, with STS as the only audience`, async () => {
        const run = await stackRun(stack);
        const oidc = inputs(onlyOne(ofType(run, T.oidc), "OIDC provider"));
        assert.match(oidc.url, /^https:\/\/oidc\.eks\.eu-west-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
        assert.deepEqual(oidc.clientIdLists, ["sts.amazonaws.com"]);
      });

      it(`${stack}: managed add-ons vpc-cni (network policies on), kube-proxy, coredns, aws-ebs-csi-driver, ordered around the node groups`, async () => {
        const run = await stackRun(stack);
        const addons = new Map(ofType(run, T.addon).map((a) => [inputs(a).addonName as string, a]));
        assert.deepEqual([...addons.keys()].sort(), ["aws-ebs-csi-driver", "coredns", "kube-proxy", "vpc-cni"]);
        const clusterName = inputs(ofType(run, T.eks)[0]).name;
        for (const a of addons.values()) assert.equal(inputs(a).clusterName, clusterName);
        assert.deepEqual(JSON.parse(inputs(addons.get("vpc-cni")!).configurationValues), { enableNetworkPolicy: "true" });
        // Nodes join only once the CNI is there; CoreDNS and the CSI controller wait for the system pool.
        const nodeGroups = ofType(run, T.nodeGroup);
        for (const g of nodeGroups) {
          assert.ok(g.dependsOn.includes(addons.get("vpc-cni")!.urn), `${g.name} does not wait for the CNI`);
          assert.ok(g.dependsOn.includes(addons.get("kube-proxy")!.urn), `${g.name} does not wait for kube-proxy`);
        }
        const system = nodeGroups.filter((g) => inputs(g).labels["strata.io/node-pool"] === "system");
        assert.equal(system.length, 1);
        for (const name of ["coredns", "aws-ebs-csi-driver"]) assert.ok(addons.get(name)!.dependsOn.includes(system[0].urn), `${name} does not wait for the system pool`);
        // Both run on the system pool, placed by the one placement definition.
        const { nodeSelector, tolerations } = podPlacement("system");
        assert.deepEqual(JSON.parse(inputs(addons.get("coredns")!).configurationValues), { nodeSelector, tolerations });
        assert.deepEqual(JSON.parse(inputs(addons.get("aws-ebs-csi-driver")!).configurationValues), {
          controller: { nodeSelector, tolerations },
          // The node plugin runs on every pool, the tainted ones included.
          node: { tolerateAllTaints: true },
        });
        // The add-ons that call AWS do so with their IRSA role; the others with none.
        for (const plan of clusterAddons()) {
          const arn = inputs(addons.get(plan.name)!).serviceAccountRoleArn;
          if (!plan.irsa) {
            assert.equal(arn, undefined, plan.name);
            continue;
          }
          const role = roleByArn(run, arn);
          const subject = Object.entries(policy(inputs(role).assumeRolePolicy).Statement[0].Condition.StringEquals).find(([k]) => k.endsWith(":sub"))![1];
          assert.equal(subject, `system:serviceaccount:${plan.irsa.serviceAccount.namespace}:${plan.irsa.serviceAccount.name}`);
        }
      });

      it(`${stack}: add-ons follow EKS's default version unless the stack pins one`, async () => {
        for (const a of ofType(await stackRun(stack), T.addon)) assert.equal(inputs(a).addonVersion, undefined, inputs(a).addonName);
        const pinned = await runValidConfig({ profile: stack, cluster: { addonVersions: { "vpc-cni": "v1.20.4-eksbuild.2", coredns: "v1.12.4-eksbuild.1" } } });
        const versions = Object.fromEntries(ofType(pinned, T.addon).map((a) => [inputs(a).addonName, inputs(a).addonVersion]));
        assert.deepEqual(versions, { "vpc-cni": "v1.20.4-eksbuild.2", coredns: "v1.12.4-eksbuild.1", "kube-proxy": undefined, "aws-ebs-csi-driver": undefined });
      });

      it(`${stack}: the default StorageClass is the cluster's desired state: encrypted gp3 from the EBS CSI driver, after the driver`, async () => {
        const run = await stackRun(stack);
        const spec = stackSpec(stack).cluster;
        assert.equal(spec.mode, "eks");
        const classes = ofType(run, T.storageClass);
        const sc = inputs(onlyOne(classes, "StorageClass")) as KubernetesObject & Record<string, any>;
        const [desired] = spec.mode === "eks" ? clusterKubernetesObjects(spec) : [];
        assert.deepEqual(JSON.parse(JSON.stringify(sc)), JSON.parse(JSON.stringify(desired)));
        assert.equal(sc.metadata.annotations?.[DEFAULT_STORAGE_CLASS_ANNOTATION], "true");
        assert.equal(sc.provisioner, EBS_CSI_PROVISIONER);
        assert.equal(sc.parameters.type, "gp3");
        assert.equal(sc.parameters.encrypted, "true");
        assert.equal(sc.volumeBindingMode, "WaitForFirstConsumer");
        assert.equal(sc.reclaimPolicy, stack === "prod" ? "Retain" : "Delete");
        const ebs = ofType(run, T.addon).find((a) => inputs(a).addonName === "aws-ebs-csi-driver")!;
        assert.ok(classes[0].dependsOn.includes(ebs.urn));
      });
    });
  }

  it("a prod endpoint opened to listed CIDRs is public only to those", async () => {
    const cidrs = ["198.51.100.0/24", "203.0.113.7/32"];
    const run = assertOk(await runWithConfig({ profile: "prod", cluster: { endpoint: { publicAccess: true, publicAccessCidrs: cidrs } } }));
    const vpc = inputs(ofType(run, T.eks)[0]).vpcConfig;
    assert.equal(vpc.endpointPrivateAccess, true);
    assert.equal(vpc.endpointPublicAccess, true);
    assert.deepEqual(vpc.publicAccessCidrs, cidrs);
  });

  it("a dev endpoint can be made private", async () => {
    const run = assertOk(await runWithConfig({ profile: "dev", cluster: { endpoint: { publicAccess: false } } }));
    const vpc = inputs(ofType(run, T.eks)[0]).vpcConfig;
    assert.equal(vpc.endpointPublicAccess, false);
    assert.equal(vpc.publicAccessCidrs, undefined);
  });

  it("access entries: one per principal with its EKS access policy, cluster-wide or limited to namespaces", async () => {
    const admin = "arn:aws:iam::123456789012:role/platform-admins";
    const viewer = "arn:aws:iam::123456789012:role/l2-team";
    const run = assertOk(
      await runWithConfig({
        profile: "prod",
        cluster: {
          name: "ai-prod",
          kubernetesVersion: "1.33",
          logTypes: ["audit"],
          accessEntries: [
            { principalArn: admin, accessPolicy: "cluster-admin" },
            { principalArn: viewer, accessPolicy: "view", namespaces: ["l2-dialogue"] },
          ],
        },
      }),
    );
    const eks = inputs(ofType(run, T.eks)[0]);
    assert.equal(eks.name, "ai-prod");
    assert.equal(eks.version, "1.33");
    assert.deepEqual(eks.enabledClusterLogTypes, ["audit"]);
    // The configured principals' (Karpenter's nodes have one of type EC2_LINUX: tests/karpenter-aws.test.ts).
    assert.deepEqual(ofType(run, T.accessEntry).filter((e) => inputs(e).type === "STANDARD").map((e) => [inputs(e).principalArn, inputs(e).clusterName]), [
      [admin, "ai-prod"],
      [viewer, "ai-prod"],
    ]);
    const associations = ofType(run, T.accessPolicy).map((a) => inputs(a));
    assert.deepEqual(
      associations.map((a) => [a.policyArn, a.accessScope]),
      [
        ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", { type: "cluster" }],
        ["arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", { type: "namespace", namespaces: ["l2-dialogue"] }],
      ],
    );
    // Node groups follow the control plane's version.
    for (const g of ofType(run, T.nodeGroup)) assert.equal(inputs(g).version, "1.33");
    // Names derive from the configured cluster name.
    assert.ok(ofType(run, T.kmsAlias).some((a) => inputs(a).name === "alias/ai-prod-secrets"));
    assert.ok(ofType(run, T.bucket).every((b) => inputs(b).bucketPrefix.startsWith("ai-prod-")));
  });

  it("the AWS resources of a custom config still all hang under the Cluster with the explicit provider", async () => {
    const run = assertOk(await runWithConfig({ profile: "dev", cluster: { nodeGroups: { gpu: {} } } }));
    const provider = onlyOne(ofType(run, AWS_PROVIDER_TYPE), "AWS provider");
    for (const r of run.resources.filter(isAwsResource).filter((r) => r.type !== AWS_PROVIDER_TYPE)) {
      assert.ok(r.provider?.startsWith(`${provider.urn}::`), r.urn);
    }
    // No region in config: the provider falls back to AWS_REGION, as the AWS SDK does.
    assert.equal(inputs(provider).region, undefined);
  });
});
