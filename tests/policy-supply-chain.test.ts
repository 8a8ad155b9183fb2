import { supplyChainContainerResources } from "../policies/supply-chain/container-resources";
import { supplyChainHelmAllowlist } from "../policies/supply-chain/helm-allowlist";
import { supplyChainPinnedImages } from "../policies/supply-chain/pinned-images";
import { UNKNOWN } from "../policies/engine/unknown";
import { describePolicyRule, object, resource } from "./policy-support";

const full = { requests: { cpu: "100m", memory: "64Mi" }, limits: { memory: "128Mi" } };
const pod = (containers: Record<string, unknown>[], initContainers: Record<string, unknown>[] = []) => object("v1", "Pod", "a", "p", { spec: { containers, initContainers } });
const DIGEST = `sha256:${"a".repeat(64)}`;

describePolicyRule(supplyChainPinnedImages, [
  {
    title: "version tags and digests from named registries",
    fixtures: [pod([{ name: "a", image: "ghcr.io/x/a:1.2.3" }, { name: "b", image: `docker.io/x/b@${DIGEST}` }, { name: "c", image: "localhost:5000/c:v2" }, { name: "d", image: "registry.example.com/crunchy-postgres:ubi9-17.6-2542" }])],
    findings: [],
  },
  {
    title: "tags that name no version (stable, Latest in another case) and names without a registry",
    fixtures: [pod([{ name: "a", image: "ghcr.io/x/a:stable" }, { name: "b", image: "ghcr.io/x/b:Latest" }, { name: "c", image: "nginx:1.27" }, { name: "d", image: `x/d@${DIGEST}` }])],
    findings: [
      'Pod a/p: spec.containers[0].image: "ghcr.io/x/a:stable" uses the tag "stable", which names no version: pin a version tag (one with a version number) or a digest',
      'Pod a/p: spec.containers[1].image: "ghcr.io/x/b:Latest" uses the tag "Latest": pin a version tag or a digest',
      'Pod a/p: spec.containers[2].image: "nginx:1.27" names no registry: give its host (e.g. docker.io/library/nginx) so no node resolves it against a search list',
      `Pod a/p: spec.containers[3].image: "x/d@${DIGEST}" names no registry: give its host (e.g. docker.io/x/d) so no node resolves it against a search list`,
    ],
  },
  {
    title: "Istio's image: auto in a pod that asks to be injected (the gateway's)",
    fixtures: [
      object("apps/v1", "Deployment", "istio-ingress", "gw", {
        spec: { template: { metadata: { labels: { "sidecar.istio.io/inject": "true" }, annotations: { "inject.istio.io/templates": "gateway" } }, spec: { containers: [{ name: "istio-proxy", image: "auto" }] } } },
      }),
    ],
    findings: [],
  },
  {
    title: "image: auto in a pod that Istio does not inject",
    fixtures: [object("apps/v1", "Deployment", "a", "d", { spec: { template: { metadata: {}, spec: { containers: [{ name: "app", image: "auto" }] } } } })],
    findings: ['Deployment a/d: spec.template.spec.containers[0].image: "auto" has no tag: pin a version tag or a digest'],
  },
  {
    title: "an image unknown until apply (an ECR repository made in the same stack), and a whole container list",
    fixtures: [pod([{ name: "a", image: UNKNOWN }]), object("apps/v1", "Deployment", "a", "d", { spec: { template: { spec: { containers: UNKNOWN } }, strategy: { type: UNKNOWN } } })],
    findings: [
      "Pod a/p: UNDETERMINED spec.containers[0].image is (unknown until apply): whether its image is pinned could not be judged in this preview",
      "Deployment a/d: UNDETERMINED spec.template.spec.containers is (unknown until apply): whether its image is pinned could not be judged in this preview",
    ],
  },
  {
    title: "latest and untagged container images",
    fixtures: [pod([{ name: "a", image: "nginx:latest" }], [{ name: "i", image: "registry:5000/tools" }])],
    findings: [
      'Pod a/p: spec.containers[0].image: "nginx:latest" uses the tag "latest": pin a version tag or a digest',
      'Pod a/p: spec.initContainers[0].image: "registry:5000/tools" has no tag: pin a version tag or a digest',
    ],
  },
  {
    title: "an operator's image field",
    fixtures: [object("redis.redis.opstreelabs.in/v1beta2", "RedisCluster", "redis", "r", { spec: { kubernetesConfig: { image: "quay.io/opstree/redis:latest" } } })],
    findings: ['RedisCluster redis/r: spec.kubernetesConfig.image: "quay.io/opstree/redis:latest" uses the tag "latest": pin a version tag or a digest'],
  },
]);

describePolicyRule(supplyChainContainerResources, [
  { title: "containers and init containers with requests and a memory limit", fixtures: [pod([{ name: "a", image: "x:1", resources: full }], [{ name: "i", image: "x:1", resources: full }])], findings: [] },
  {
    title: "a container without resources and an init container without a memory limit",
    fixtures: [pod([{ name: "a", image: "x:1" }], [{ name: "i", image: "x:1", resources: { requests: full.requests } }])],
    findings: [
      'Pod a/p: init container "i" sets no resources.limits.memory',
      'Pod a/p: container "a" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
    ],
  },
  {
    title: "a memory limit unknown until apply, next to a container that sets none",
    fixtures: [pod([{ name: "a", image: "x:1", resources: { requests: full.requests, limits: { memory: UNKNOWN } } }, { name: "b", image: "x:1" }])],
    findings: [
      'Pod a/p: UNDETERMINED container "a" resources.limits.memory is (unknown until apply): could not be judged in this preview',
      'Pod a/p: container "b" sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
    ],
  },
]);

const ISTIO = "https://istio-release.storage.googleapis.com/charts";
const allowedCharts = [
  { chart: "istiod", repository: ISTIO, version: "1.30.3" },
  { chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator", version: "1.2.0" },
];
const release = (inputs: Record<string, unknown>) => resource("kubernetes:helm.sh/v3:Release", "r", { namespace: "istio-system", ...inputs });

describePolicyRule(supplyChainHelmAllowlist, [
  { title: "an allowed chart from its repository (trailing slash aside)", fixtures: [release({ chart: "istiod", version: "1.30.3", repositoryOpts: { repo: `${ISTIO}/` } })], options: { allowedCharts }, findings: [] },
  { title: "an allowed OCI chart", fixtures: [release({ chart: "oci://quay.io/strimzi-helm/strimzi-kafka-operator", version: "1.2.0" })], options: { allowedCharts }, findings: [] },
  {
    title: "a release without a version",
    fixtures: [release({ chart: "istiod", repositoryOpts: { repo: ISTIO } })],
    options: { allowedCharts },
    findings: [`kubernetes:helm.sh/v3:Release istio-system/r: installs istiod from ${ISTIO} without a version: pin an exact chart version`],
  },
  {
    title: "a version range",
    fixtures: [release({ chart: "istiod", version: "^1.30.0", repositoryOpts: { repo: ISTIO } })],
    options: { allowedCharts },
    findings: ['kubernetes:helm.sh/v3:Release istio-system/r: installs istiod at "^1.30.0", which is not an exact version: pin one'],
  },
  {
    title: "another version of an allowed chart",
    fixtures: [release({ chart: "istiod", version: "1.29.0", repositoryOpts: { repo: ISTIO } })],
    options: { allowedCharts },
    findings: [`kubernetes:helm.sh/v3:Release istio-system/r: installs istiod@1.29.0 from ${ISTIO}, which is not on the allow-list (allowed: istiod@1.30.3 from ${ISTIO})`],
  },
  {
    title: "an allowed chart from another repository",
    fixtures: [release({ chart: "istiod", version: "1.30.3", repositoryOpts: { repo: "https://mirror.example.com/charts" } })],
    options: { allowedCharts },
    findings: [`kubernetes:helm.sh/v3:Release istio-system/r: installs istiod@1.30.3 from https://mirror.example.com/charts, which is not on the allow-list (allowed: istiod@1.30.3 from ${ISTIO})`],
  },
  {
    title: "a chart not on the list, with no list configured",
    fixtures: [release({ chart: "nginx", version: "1.0.0", repositoryOpts: { repo: "https://charts.example.com" } })],
    findings: ["kubernetes:helm.sh/v3:Release istio-system/r: installs nginx@1.0.0 from https://charts.example.com, which is not on the allow-list (the chart is not on the allow-list at all)"],
  },
  {
    title: "a version unknown until apply",
    fixtures: [release({ chart: "istiod", version: UNKNOWN, repositoryOpts: { repo: ISTIO } })],
    options: { allowedCharts },
    findings: ["kubernetes:helm.sh/v3:Release istio-system/r: UNDETERMINED version is (unknown until apply): could not be judged in this preview"],
  },
]);
