import { strict as assert } from "node:assert";
import { CERT_MANAGER_NAMESPACE, certManagerRoute53Policy, clusterIssuerName } from "../capabilities/certificates";
import { DNS_NAMESPACE, externalDnsRoute53Policy } from "../capabilities/dns";
import {
  ALB_SSL_POLICY,
  EDGE_NAMESPACE,
  loadBalancerControllerPin,
  loadBalancerControllerPolicy,
  LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT,
  WEB_ACL_RULES,
} from "../capabilities/edge";
import { edgeCertificateSecretName } from "../capabilities/mesh";
import type { KubernetesObject } from "../manifests/kubernetes-object";
import { isCoreGroup } from "../validation/core-models";
import { formatSchemaError } from "../validation/schema-error";
import { SchemaValidator } from "../validation/validate-objects";
import { awsComputedState } from "../offline/aws-mocks";
import { stackSubjects } from "../offline/policy-subjects";
import type { SucceededRun } from "../offline/run";
import { evaluatePolicies, mandatoryViolations } from "../policies/engine/evaluate";
import { POLICY_RULES } from "../policies/rules";
import { GATEWAY_NAME } from "../platform/istio";
import { platformNamespaces } from "../platform/namespaces";
import { EXISTING, EXISTING_SERVICES } from "./cluster-support";
import { ACME_EMAIL, COMBINATIONS, EDGE_HOSTS, edgeConfig, ofType, onlyOfType, roleOf, ZONE } from "./edge-support";
import { kubernetesObjects, objectsOfKind, resourceOfObject, runValidConfig, stackRun, STACKS, testLayer } from "./harness";
import { stackPackSettings } from "./policy-support";
import { release } from "./services-support";
import { requireSharedCrds, SHARED_CRDS } from "./shared-dir";

/**
 * The public edge under mocks, for each exposure with each load balancer (prod): the AWS Load Balancer
 * Controller and its role of the published policy; the gateway's Service (an NLB) or the ALB's Ingress with
 * its ACM certificate (validated by DNS in the zone) and WAFv2 Web ACL; cert-manager's role, issuers and a
 * certificate per host behind an NLB; external-dns; the gateway's network rules; dependencies; the stack
 * passing prod's pack config and the upstream CRDs. And what an internal stack (dev and prod) leaves out.
 */

const GATEWAY = platformNamespaces.gateway;
const VPC = "10.0.0.0/16";
const HOSTS = EDGE_HOSTS;

let validator: SchemaValidator | undefined;
function schemaErrors(objects: KubernetesObject[]): string[] {
  validator ??= new SchemaValidator({ crds: [SHARED_CRDS] });
  const result = validator.validate(objects);
  assert.deepEqual(result.unvalidated, []);
  return result.schemaErrors.map(formatSchemaError);
}

/** The AWS-computed attributes (the mocks' answers) of a recorded resource. */
function computed(r: { type: string; name: string; inputs: Record<string, unknown> }): Record<string, any> {
  return awsComputedState(r.type, r.name, r.inputs);
}

function gatewayPolicies(objects: KubernetesObject[]): Record<string, { from: unknown; ports: number[] }> {
  return Object.fromEntries(
    objectsOfKind<any>(objects, "NetworkPolicy")
      .filter((p) => p.metadata.namespace === GATEWAY && p.spec.ingress)
      .map((p) => [p.metadata.name, { from: p.spec.ingress[0].from, ports: p.spec.ingress[0].ports.map((x: any) => x.port) }]),
  );
}

for (const [exposure, loadBalancer] of COMBINATIONS) {
  const nlb = loadBalancer === "nlb";
  const internetFacing = exposure === "internet-facing";
  describe(`the public edge: ${exposure} ${loadBalancer.toUpperCase()} (prod, offline)`, () => {
    let run: SucceededRun;
    let objects: KubernetesObject[];
    before(async () => {
      run = await runValidConfig(edgeConfig(exposure, loadBalancer), `edge-${exposure}-${loadBalancer}`);
      objects = kubernetesObjects(run.resources);
    });

    it("installs the AWS Load Balancer Controller 3.5.0: HA, restricted, on the system pool, its IRSA role by annotation, its VPC by Name tag, no Service webhook", () => {
      const controller = release(run, loadBalancerControllerPin.name);
      assert.deepEqual([controller.inputs.version, (controller.inputs as any).repositoryOpts.repo, controller.inputs.namespace], ["3.5.0", "https://aws.github.io/eks-charts", EDGE_NAMESPACE]);
      const values = controller.inputs.values;
      const cluster = (run.outputs.cluster as { name: string }).name;
      assert.equal(values.clusterName, cluster);
      assert.deepEqual(values.vpcTags, { Name: `${cluster}-vpc` });
      assert.equal(values.region, "us-east-1");
      assert.equal(values.replicaCount, 2);
      assert.deepEqual(values.podDisruptionBudget, { maxUnavailable: 1 });
      assert.equal(values.enableServiceMutatorWebhook, false);
      assert.deepEqual([values.securityContext.allowPrivilegeEscalation, values.securityContext.capabilities.drop, values.podSecurityContext.runAsNonRoot], [false, ["ALL"], true]);
      assert.deepEqual(values.nodeSelector, { "strata.io/node-pool": "system" });
      const { role, policy } = roleOf(run, EDGE_NAMESPACE, LOAD_BALANCER_CONTROLLER_SERVICE_ACCOUNT);
      assert.equal(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], computed(role).arn);
      assert.deepEqual(policy, loadBalancerControllerPolicy("aws"), "the controller's role carries exactly its published policy");
    });

    it(nlb ? "the gateway's Service is the NLB: the controller's class, IP targets, cross-zone, client IP handling stated, health checks on the status port" : "the gateway's Service is the ALB's ClusterIP backend", () => {
      const service = objectsOfKind<any>(objects, "Service").find((s) => s.metadata.namespace === GATEWAY)!;
      assert.equal(service.metadata.name, GATEWAY_NAME);
      assert.deepEqual(service.spec.ports.map((p: any) => [p.port, p.targetPort]), [[15021, 15021], [80, 8080], [443, 8443]]);
      if (!nlb) {
        assert.equal(service.spec.type, "ClusterIP");
        assert.equal(service.metadata.annotations, undefined);
        return;
      }
      assert.equal(service.spec.type, "LoadBalancer");
      assert.equal(service.spec.loadBalancerClass, "service.k8s.aws/nlb");
      assert.equal(service.spec.allocateLoadBalancerNodePorts, false);
      assert.deepEqual(service.metadata.annotations, {
        "service.beta.kubernetes.io/aws-load-balancer-type": "external",
        "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
        "service.beta.kubernetes.io/aws-load-balancer-scheme": exposure,
        "service.beta.kubernetes.io/aws-load-balancer-attributes": "load_balancing.cross_zone.enabled=true",
        "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes": "preserve_client_ip.enabled=true",
        "service.beta.kubernetes.io/aws-load-balancer-healthcheck-port": "15021",
        "service.beta.kubernetes.io/aws-load-balancer-healthcheck-path": "/healthz/ready",
        "service.beta.kubernetes.io/aws-load-balancer-healthcheck-protocol": "http",
      });
    });

    if (nlb) {
      it("TLS at the gateway: an HTTPS server per host with cert-manager's Secret at TLS 1.2+, HTTP redirected; no Ingress, ACM certificate or Web ACL", () => {
        const gateway = objectsOfKind<any>(objects, "Gateway")[0];
        assert.deepEqual(gateway.spec.servers, [
          { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: HOSTS, tls: { httpsRedirect: true } },
          ...HOSTS.map((host, i) => ({
            port: { number: 443, name: i === 0 ? "https" : `https-${i}`, protocol: "HTTPS" },
            hosts: [host],
            tls: { mode: "SIMPLE", credentialName: edgeCertificateSecretName(host), minProtocolVersion: "TLSV1_2" },
          })),
        ]);
        assert.deepEqual(objectsOfKind(objects, "Ingress"), []);
        for (const type of ["aws:acm/certificate:Certificate", "aws:wafv2/webAcl:WebAcl", "aws:route53/record:Record"]) assert.deepEqual(ofType(run, type), [], type);
      });

      it("cert-manager v1.21.1: HA, leader election in its namespace, its Route53 role limited to _acme-challenge TXT records of the zone, Let's Encrypt production and staging issuers, a Certificate per host", () => {
        const certManager = release(run, "cert-manager");
        const values = certManager.inputs.values;
        assert.deepEqual([certManager.inputs.version, values.crds, values.global.leaderElection.namespace], ["v1.21.1", { enabled: true, keep: true }, CERT_MANAGER_NAMESPACE]);
        assert.deepEqual([values.replicaCount, values.webhook.replicaCount, values.cainjector.replicaCount], [2, 3, 2]);
        for (const component of [values, values.webhook, values.cainjector]) assert.deepEqual(component.podDisruptionBudget, { enabled: true, maxUnavailable: 1 });
        const { role, policy } = roleOf(run, CERT_MANAGER_NAMESPACE, "cert-manager");
        assert.equal(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], computed(role).arn);
        assert.deepEqual(policy, certManagerRoute53Policy("aws", ZONE.id));
        const issuers = objectsOfKind<any>(objects, "ClusterIssuer");
        assert.deepEqual(issuers.map((i) => [i.metadata.name, i.spec.acme.server, i.spec.acme.email]), [
          ["letsencrypt-production", "https://acme-v02.api.letsencrypt.org/directory", ACME_EMAIL],
          ["letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory", ACME_EMAIL],
        ]);
        for (const issuer of issuers) assert.deepEqual(issuer.spec.acme.solvers, [{ selector: { dnsZones: [ZONE.name] }, dns01: { route53: { hostedZoneID: ZONE.id } } }]);
        const certificates = objectsOfKind<any>(objects, "Certificate");
        assert.deepEqual(
          certificates.map((c) => [c.metadata.namespace, c.spec.dnsNames, c.spec.secretName, c.spec.issuerRef.name]),
          HOSTS.map((host) => [GATEWAY, [host], edgeCertificateSecretName(host), clusterIssuerName("production")]),
        );
        const crds = release(run, "cert-manager").urn;
        const namespace = resourceOfObject(run.resources, "Namespace", undefined, GATEWAY).urn;
        for (const c of certificates) assert.ok(resourceOfObject(run.resources, "Certificate", GATEWAY, c.metadata.name).dependsOn.includes(crds) && resourceOfObject(run.resources, "Certificate", GATEWAY, c.metadata.name).dependsOn.includes(namespace));
      });
    } else {
      it("TLS at the ALB: the Ingress of class alb, IP targets, HTTPS with the validated ACM certificate at the SSL policy, HTTP redirected, the Web ACL associated, every host to the gateway's HTTP port", () => {
        const [ingress] = objectsOfKind<any>(objects, "Ingress");
        const validation = onlyOfType(run, "aws:acm/certificateValidation:CertificateValidation");
        const webAcl = onlyOfType(run, "aws:wafv2/webAcl:WebAcl");
        const certificate = onlyOfType(run, "aws:acm/certificate:Certificate");
        assert.equal(validation.inputs.certificateArn, computed(certificate).arn);
        assert.deepEqual(ingress.metadata.annotations, {
          "alb.ingress.kubernetes.io/scheme": exposure,
          "alb.ingress.kubernetes.io/target-type": "ip",
          "alb.ingress.kubernetes.io/listen-ports": '[{"HTTP":80},{"HTTPS":443}]',
          "alb.ingress.kubernetes.io/ssl-redirect": "443",
          "alb.ingress.kubernetes.io/certificate-arn": computed(certificate).arn,
          "alb.ingress.kubernetes.io/ssl-policy": ALB_SSL_POLICY["1.2"],
          "alb.ingress.kubernetes.io/wafv2-acl-arn": computed(webAcl).arn,
          "alb.ingress.kubernetes.io/backend-protocol": "HTTP",
          "alb.ingress.kubernetes.io/healthcheck-port": "15021",
          "alb.ingress.kubernetes.io/healthcheck-path": "/healthz/ready",
          "alb.ingress.kubernetes.io/healthcheck-protocol": "HTTP",
          "alb.ingress.kubernetes.io/load-balancer-attributes": "routing.http.drop_invalid_header_fields.enabled=true",
        });
        assert.equal(ingress.spec.ingressClassName, "alb");
        assert.deepEqual(
          ingress.spec.rules.map((r: any) => [r.host, r.http.paths[0].path, r.http.paths[0].backend.service]),
          HOSTS.map((h) => [h, "/", { name: GATEWAY_NAME, port: { name: "http2" } }]),
        );
        // The Ingress waits for the controller (its webhook; and on destroy goes first) and for the certificate to be issued.
        const recorded = resourceOfObject(run.resources, "Ingress", GATEWAY, ingress.metadata.name);
        assert.ok(recorded.dependsOn.includes(validation.urn) && recorded.dependsOn.includes(release(run, loadBalancerControllerPin.name).urn));
        // Behind an ALB the gateway serves HTTP (the ALB ended TLS and redirected HTTP already) and trusts one proxy hop.
        const gateway = objectsOfKind<any>(objects, "Gateway")[0];
        assert.deepEqual(gateway.spec.servers, [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: HOSTS }]);
        assert.deepEqual(release(run, "gateway").inputs.values.podAnnotations, { "proxy.istio.io/config": '{"gatewayTopology":{"numTrustedProxies":1}}' });
      });

      it("the ACM certificate covers every host and is validated by one CNAME per name in the zone (the wildcard's own base name)", () => {
        const certificate = onlyOfType(run, "aws:acm/certificate:Certificate");
        assert.deepEqual([certificate.inputs.domainName, certificate.inputs.subjectAlternativeNames, certificate.inputs.validationMethod], [HOSTS[0], HOSTS.slice(1), "DNS"]);
        const options = computed(certificate).domainValidationOptions as { domainName: string; resourceRecordName: string; resourceRecordValue: string }[];
        const records = ofType(run, "aws:route53/record:Record");
        assert.deepEqual(
          records.map((r) => [r.inputs.zoneId, r.inputs.name, r.inputs.type, r.inputs.records]).sort(),
          options.map((o) => [ZONE.id, o.resourceRecordName, "CNAME", [o.resourceRecordValue]]).sort(),
        );
        assert.deepEqual(records.map((r) => r.inputs.name).sort(), ["api.example.com", "apps.example.com"].map((d) => options.find((o) => o.domainName.replace(/^\*\./, "") === d)!.resourceRecordName).sort());
        const validation = onlyOfType(run, "aws:acm/certificateValidation:CertificateValidation");
        assert.deepEqual([...(validation.inputs.validationRecordFqdns as string[])].sort(), records.map((r) => computed(r).fqdn).sort());
      });

      it("the WAFv2 Web ACL: regional, allow by default, AWS's core and known-bad-inputs rule sets, a 2000-per-5-minutes rate limit per IP, metrics on", () => {
        const acl = onlyOfType(run, "aws:wafv2/webAcl:WebAcl").inputs as any;
        assert.deepEqual([acl.scope, acl.defaultAction], ["REGIONAL", { allow: {} }]);
        assert.deepEqual(
          acl.rules.map((r: any) => [r.name, r.priority, r.statement.managedRuleGroupStatement?.name ?? r.statement.rateBasedStatement]),
          [
            [WEB_ACL_RULES.core.name, 10, "AWSManagedRulesCommonRuleSet"],
            [WEB_ACL_RULES.knownBadInputs.name, 20, "AWSManagedRulesKnownBadInputsRuleSet"],
            [WEB_ACL_RULES.rateLimit.name, 30, { limit: 2000, aggregateKeyType: "IP" }],
          ],
        );
        assert.deepEqual(acl.rules[2].action, { block: {} });
        for (const rule of acl.rules) assert.equal(rule.visibilityConfig.cloudwatchMetricsEnabled, true);
      });
    }

    it("external-dns 1.21.1: the Istio Gateway and Ingress sources in the gateway's namespace only, the one zone, upsert-only, this stack's TXT owner, its role limited to the zone", () => {
      const externalDns = release(run, "external-dns");
      const values = externalDns.inputs.values;
      assert.deepEqual(
        [values.sources, values.sourceNamespace, values.policy, values.txtOwnerId, values.domainFilters, values.extraArgs, values.provider],
        [["istio-gateway", "ingress"], GATEWAY, "upsert-only", `strata-edge-${exposure}-${loadBalancer}`, [ZONE.name], [`--zone-id-filter=${ZONE.id}`], { name: "aws" }],
      );
      const { role, policy } = roleOf(run, DNS_NAMESPACE, "external-dns");
      assert.equal(values.serviceAccount.annotations["eks.amazonaws.com/role-arn"], computed(role).arn);
      assert.deepEqual(policy, externalDnsRoute53Policy("aws", ZONE.id));
    });

    it(
      internetFacing && nlb
        ? "the gateway admits every source on the listeners' ports only (the NLB keeps clients' addresses), its health checks from the VPC"
        : "the gateway admits the load balancer from the VPC only",
      () => {
        const listeners = nlb ? [8080, 8443] : [8080];
        const expected =
          internetFacing && nlb
            ? { "allow-ingress-from-load-balancer": { from: undefined, ports: listeners }, "allow-ingress-load-balancer-health-checks": { from: [{ ipBlock: { cidr: VPC } }], ports: [15021] } }
            : { "allow-ingress-from-load-balancer": { from: [{ ipBlock: { cidr: VPC } }], ports: [...listeners, 15021] } };
        const policies = gatewayPolicies(objects);
        delete policies["allow-ingress-from-monitoring"];
        assert.deepEqual(policies, expected);
      },
    );

    it("the controllers' namespaces: restricted, default-deny, the VPC's 443, the webhook from the VPC, and each controller's own pods alone on the internet's 443", () => {
      const netpols = objectsOfKind<any>(objects, "NetworkPolicy");
      const namespaces = [EDGE_NAMESPACE, DNS_NAMESPACE, ...(nlb ? [CERT_MANAGER_NAMESPACE] : [])];
      for (const ns of namespaces) {
        const namespace = objectsOfKind<any>(objects, "Namespace").find((n) => n.metadata.name === ns);
        assert.equal(namespace.metadata.labels["pod-security.kubernetes.io/enforce"], "restricted", ns);
        assert.ok(netpols.some((p) => p.metadata.namespace === ns && p.metadata.name === "default-deny-all"), ns);
        const open = netpols.filter((p) => p.metadata.namespace === ns && JSON.stringify(p.spec.egress ?? []).includes("0.0.0.0/0") && p.spec.egress.some((e: any) => e.ports.some((x: any) => x.port === 443)));
        assert.equal(open.length, 1, `${ns}: one policy to the internet's 443`);
        assert.ok(Object.keys(open[0].spec.podSelector.matchLabels).length > 0, `${ns}: only the controller's pods`);
        assert.deepEqual(open[0].spec.egress[0].ports, [{ protocol: "TCP", port: 443 }]);
        assert.ok(open[0].metadata.annotations["strata.io/https-egress-reason"], `${ns}: with its reason`);
      }
    });

    it("prod's pack config passes (the wide-open exemptions apply to the controllers' namespaces only); every object validates against ../shared/crds", function () {
      const report = evaluatePolicies(stackSubjects(run.resources), POLICY_RULES, stackPackSettings("prod"));
      assert.deepEqual(mandatoryViolations(report), []);
      const wideOpen = report.exemptions.filter((e) => e.rule === "network-no-wide-open-allow" && e.suppressed > 0).map((e) => e.namespace).sort();
      // The stack's layers use no data service: no pgBackRest, no postgres exemption at work.
      assert.deepEqual(wideOpen, [EDGE_NAMESPACE, ...(nlb ? [CERT_MANAGER_NAMESPACE] : []), DNS_NAMESPACE].sort());
      requireSharedCrds(this);
      assert.deepEqual(schemaErrors(objects.filter((o) => !isCoreGroup(o.apiVersion) || ["Ingress", "Service"].includes(o.kind))), []);
    });
  });
}

describe("the public edge's policies on a stack that breaks them (prod)", () => {
  it("an internet-facing ALB without its Web ACL, an NLB gateway serving HTTP, and a staging certificate: each a mandatory violation", async () => {
    const alb = await runValidConfig(edgeConfig("internet-facing", "alb"), "edge-internet-facing-alb");
    const subjects = stackSubjects(alb.resources).map((s) => {
      if (s.kind !== "Ingress") return s;
      const object = structuredClone(s.object!) as any;
      delete object.metadata.annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"];
      return { ...s, object, inputs: object };
    });
    const violations = mandatoryViolations(evaluatePolicies(subjects, POLICY_RULES, stackPackSettings("prod")));
    assert.deepEqual(violations.map((v) => [v.rule, v.kind, v.name]), [["network-public-alb-waf", "Ingress", "edge"]]);

    const nlb = await runValidConfig(edgeConfig("internet-facing", "nlb"), "edge-internet-facing-nlb");
    const broken = stackSubjects(nlb.resources).map((s) => {
      const object = structuredClone(s.object) as any;
      if (s.kind === "Gateway") object.spec.servers[0].tls = {};
      else if (s.kind === "ClusterIssuer" && s.name === "letsencrypt-production") object.spec.acme.server = "https://acme-staging-v02.api.letsencrypt.org/directory";
      else return s;
      return { ...s, object, inputs: object };
    });
    const found = mandatoryViolations(evaluatePolicies(broken, POLICY_RULES, stackPackSettings("prod"))).map((v) => v.rule);
    assert.deepEqual([...new Set(found)].sort(), ["network-public-certificate-issuer", "network-public-edge-tls"]);
  });
});

describe("the Route53 roles' scope, read from the recorded policies (not from the functions that write them)", () => {
  it("cert-manager: TXT records named _acme-challenge.* in the one zone; external-dns: that zone's records; neither any other zone", async () => {
    const run = await runValidConfig(edgeConfig("internet-facing", "nlb"), "edge-internet-facing-nlb");
    const zone = `arn:aws:route53:::hostedzone/${ZONE.id}`;
    const shape = (policy: any) => policy.Statement.map((s: any) => [s.Effect, s.Action, s.Resource, s.Condition]);
    assert.deepEqual(shape(roleOf(run, CERT_MANAGER_NAMESPACE, "cert-manager").policy), [
      ["Allow", "route53:GetChange", "arn:aws:route53:::change/*", undefined],
      ["Allow", "route53:ListResourceRecordSets", zone, undefined],
      [
        "Allow",
        "route53:ChangeResourceRecordSets",
        zone,
        { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] }, "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["_acme-challenge.*"] } },
      ],
    ]);
    assert.deepEqual(shape(roleOf(run, DNS_NAMESPACE, "external-dns").policy), [
      ["Allow", ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"], zone, undefined],
      ["Allow", "route53:ListHostedZones", "*", undefined],
    ]);
  });
});

describe("an internet-facing NLB sending the client's address in a PROXY protocol header", () => {
  it("the NLB sends PROXY v2 and no longer preserves the source, the gateway parses the header, and the gateway admits the VPC only", async () => {
    const config = edgeConfig("internet-facing", "nlb");
    const gateway = (config.mesh as { gateway: Record<string, unknown> }).gateway;
    const run = await runValidConfig({ ...config, mesh: { gateway: { ...gateway, clientAddress: "proxy-protocol" } } }, "edge-proxy-protocol");
    const objects = kubernetesObjects(run.resources);
    const [service] = objectsOfKind<any>(objects, "Service").filter((s) => s.spec.type === "LoadBalancer");
    assert.deepEqual(
      [service.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-proxy-protocol"], service.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"]],
      ["*", "preserve_client_ip.enabled=false"],
    );
    assert.deepEqual(release(run, "gateway").inputs.values.podAnnotations, { "proxy.istio.io/config": '{"gatewayTopology":{"proxyProtocol":{}}}' });
    const policies = gatewayPolicies(objects);
    delete policies["allow-ingress-from-monitoring"];
    assert.deepEqual(policies, { "allow-ingress-from-load-balancer": { from: [{ ipBlock: { cidr: VPC } }], ports: [8080, 8443, 15021] } });
  });
});

describe("the edge VirtualService's path routes and fault injection", () => {
  it("each prefix its own route (rewritten where asked), the faults on every route; valid against ../shared/crds", async function () {
    const run = await runValidConfig({
      profile: "dev",
      layers: [testLayer("front", { peers: ["back"] }), testLayer("back")],
      mesh: {
        gateway: {
          edgeLayer: "front",
          paths: [{ prefix: "/api/v1" }, { prefix: "/v2", rewrite: "/api/v2" }],
          faultInjection: { delay: { percentage: 0.5, fixedDelay: "2s" }, abort: { percentage: 1, httpStatus: 503 } },
        },
      },
    });
    const services = objectsOfKind<any>(kubernetesObjects(run.resources), "VirtualService").filter((v) => v.metadata.namespace === GATEWAY);
    assert.equal(services.length, 1);
    const fault = { delay: { percentage: { value: 0.5 }, fixedDelay: "2s" }, abort: { percentage: { value: 1 }, httpStatus: 503 } };
    assert.deepEqual(
      services[0].spec.http.map((h: any) => [h.match, h.rewrite, h.fault, h.route[0].destination.host]),
      [
        [[{ uri: { prefix: "/api/v1" } }], undefined, fault, "front.front.svc.cluster.local"],
        [[{ uri: { prefix: "/v2" } }], { uri: "/api/v2" }, fault, "front.front.svc.cluster.local"],
      ],
    );
    requireSharedCrds(this);
    assert.deepEqual(schemaErrors(services), []);
  });

  it("off by default: dev's and prod's edge routes every path, with no fault", async () => {
    for (const stack of STACKS) {
      const services = objectsOfKind<any>(kubernetesObjects((await stackRun(stack)).resources), "VirtualService").filter((v) => v.metadata.namespace === GATEWAY);
      for (const http of services.flatMap((v) => v.spec.http)) assert.deepEqual([http.match, http.fault], [undefined, undefined], stack);
    }
  });
});

describe("an internal stack creates none of the public pieces (dev and prod)", () => {
  for (const stack of STACKS) {
    it(`${stack}: an internal NLB and the controller; no Ingress, ACM certificate, Web ACL, DNS record, cert-manager or external-dns; nothing admitted from every source`, async () => {
      const run = await stackRun(stack);
      const objects = kubernetesObjects(run.resources);
      const lbs = objectsOfKind<any>(objects, "Service").filter((s) => s.spec.type === "LoadBalancer");
      assert.deepEqual(lbs.map((s) => s.metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]), ["internal"]);
      release(run, loadBalancerControllerPin.name);
      assert.deepEqual(objectsOfKind(objects, "Ingress"), []);
      for (const type of ["aws:acm/certificate:Certificate", "aws:acm/certificateValidation:CertificateValidation", "aws:wafv2/webAcl:WebAcl", "aws:route53/record:Record"]) assert.deepEqual(ofType(run, type), [], type);
      assert.ok(!run.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && ["cert-manager", "external-dns"].includes(String(r.inputs.chart))));
      assert.deepEqual(Object.keys(gatewayPolicies(objects)).sort(), ["allow-ingress-from-load-balancer", "allow-ingress-from-monitoring"]);
      assert.deepEqual(gatewayPolicies(objects)["allow-ingress-from-load-balancer"].from, [{ ipBlock: { cidr: VPC } }]);
    });
  }
});

describe("the public edge on an existing cluster", () => {
  const certificateArn = "arn:aws:acm:eu-west-1:210987654321:certificate/01234567-89ab-cdef-0123-456789abcdef";
  const webAclArn = "arn:aws:wafv2:eu-west-1:210987654321:regional/webacl/org-edge/01234567-89ab-cdef-0123-456789abcdef";

  it("Strata makes no AWS resource: the controller runs with the configured role and VPC; the ALB takes the configured certificate and Web ACL", async () => {
    const run = await runValidConfig({
      ...edgeConfig("internet-facing", "alb", { cluster: EXISTING, ...EXISTING_SERVICES }),
      edge: { controller: true, roleArn: "arn:aws:iam::210987654321:role/lbc", vpcId: "vpc-0123456789abcdef0", region: "eu-west-1", alb: { certificateArn, webAclArn } },
      dns: { roleArn: "arn:aws:iam::210987654321:role/external-dns" },
    });
    assert.deepEqual(run.resources.filter((r) => r.type.startsWith("aws:")), []);
    const values = release(run, loadBalancerControllerPin.name).inputs.values;
    assert.deepEqual([values.vpcId, values.vpcTags, values.region, values.serviceAccount.annotations["eks.amazonaws.com/role-arn"]], ["vpc-0123456789abcdef0", undefined, "eu-west-1", "arn:aws:iam::210987654321:role/lbc"]);
    const [ingress] = objectsOfKind<any>(kubernetesObjects(run.resources), "Ingress");
    assert.deepEqual([ingress.metadata.annotations["alb.ingress.kubernetes.io/certificate-arn"], ingress.metadata.annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"]], [certificateArn, webAclArn]);
  });

  it("by default the cluster's own controller serves the gateway's NLB: Strata installs none", async () => {
    const run = await runValidConfig({ profile: "prod", cluster: EXISTING, ...EXISTING_SERVICES, layers: edgeConfig("internal", "nlb").layers });
    assert.ok(!run.resources.some((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.chart === loadBalancerControllerPin.name));
    const lbs = objectsOfKind<any>(kubernetesObjects(run.resources), "Service").filter((s) => s.spec.type === "LoadBalancer");
    assert.equal(lbs.length, 1);
  });
});
