import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerService from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { POLICY_RULES } from "../policies/rules";
import { PROJECT_DIR } from "./harness";

/**
 * The pack's entry point, run as the Pulumi CLI runs it: `policies/index.ts` in the pack's directory. A
 * PolicyPack serves CrossGuard's analyzer protocol over gRPC and prints its port (it never returns, so it
 * cannot be imported into the test process). The test talks to it as the engine does: the policies it
 * announces, and a resource and a stack analysed through the real wrappers.
 */

const PACK_DIR = path.join(PROJECT_DIR, "policies");

type Client = InstanceType<typeof analyzerService.AnalyzerClient>;

function call<Req, Res>(client: Client, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => (client as any)[method](request, (err: Error | null, res: Res) => (err ? reject(err) : resolve(res))));
}

function startPack(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--require", "tsx/cjs", "index.ts"], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => {
      stdout += d;
      const match = /^(\d+)\s*$/m.exec(stdout);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${stderr}`)));
  });
}

function resourceRequest(type: string, name: string, props: Record<string, unknown>): analyzer.AnalyzeRequest {
  const req = new analyzer.AnalyzeRequest();
  req.setType(type);
  req.setName(name);
  req.setUrn(`urn:pulumi:test::strata::${type}::${name}`);
  req.setProperties(Struct.fromJavaScript(props as never));
  req.setOptions(new analyzer.AnalyzerResourceOptions());
  return req;
}

function stackResource(type: string, name: string, props: Record<string, unknown>): analyzer.AnalyzerResource {
  const r = new analyzer.AnalyzerResource();
  r.setType(type);
  r.setName(name);
  r.setUrn(`urn:pulumi:test::strata::${type}::${name}`);
  r.setProperties(Struct.fromJavaScript(props as never));
  // The engine always sends options; the pack refuses a resource without them.
  r.setOptions(new analyzer.AnalyzerResourceOptions());
  return r;
}

describe("the CrossGuard pack (policies/index.ts, served as the Pulumi CLI serves it)", function () {
  this.timeout(60_000);
  let child: ChildProcess;
  let client: Client;

  before(async () => {
    const pack = await startPack();
    child = pack.child;
    client = new analyzerService.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
  });
  after(() => {
    client?.close();
    child?.kill();
  });

  it("loads and announces every rule, mandatory by default, with a config schema", async () => {
    const info = await call<Empty, analyzer.AnalyzerInfo>(client, "getAnalyzerInfo", new Empty());
    assert.equal(info.getName(), "strata");
    const policies = info.getPoliciesList();
    assert.deepEqual(policies.map((p) => p.getName()), POLICY_RULES.map((r) => r.name));
    for (const p of policies) {
      assert.equal(p.getEnforcementlevel(), analyzer.EnforcementLevel.MANDATORY, p.getName());
      assert.ok(p.getConfigschema()?.getProperties()?.toJavaScript().exemptions, `${p.getName()} takes exemptions`);
    }
  });

  it("a resource policy flags a LoadBalancer Service outside the gateway namespace", async () => {
    const req = resourceRequest("kubernetes:core/v1:Service", "web", { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec: { type: "LoadBalancer" } });
    const res = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client, "analyze", req);
    const rules = res.getDiagnosticsList().map((d) => `${d.getPolicyname()}: ${d.getMessage()}`);
    assert.ok(rules.some((r) => r.startsWith("network-service-exposure: ") && r.includes("\ntype LoadBalancer outside the gateway namespace")), rules.join("\n"));
  });

  it("a stack policy flags a namespace without default-deny policies, naming it", async () => {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList([stackResource("kubernetes:core/v1:Namespace", "shop", { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } })]);
    const res = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client, "analyzeStack", req);
    const diagnostics = res.getDiagnosticsList().filter((d) => d.getPolicyname() === "network-default-deny");
    assert.equal(diagnostics.length, 2, res.getDiagnosticsList().map((d) => d.getMessage()).join("\n"));
    // CrossGuard puts the policy description first, then the violation.
    assert.match(diagnostics[0].getMessage(), /\nNamespace shop: no default-deny ingress NetworkPolicy/);
    assert.equal(diagnostics[0].getUrn(), "urn:pulumi:test::strata::kubernetes:core/v1:Namespace::shop");
  });
});
