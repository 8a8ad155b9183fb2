import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerService from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PackSettings } from "../policies/engine/pack-config";
import { PROJECT_DIR } from "./harness";

/**
 * Talking to a served policy pack as the Pulumi engine does: CrossGuard's analyzer protocol over gRPC. A
 * PolicyPack prints its port and serves until killed, so it runs in a child process.
 */

type Client = InstanceType<typeof analyzerService.AnalyzerClient>;

/** A resource as the engine sends it: type, name, URN and properties (unknowns as the engine's sentinels). */
export interface WireResource {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
  dependencies?: string[];
}

/** One diagnostic the pack reported. */
export interface Diagnostic {
  policy: string;
  /** CrossGuard's text: the policy's description, a newline, then the violation. */
  message: string;
  urn: string;
  enforcement: "advisory" | "mandatory" | "disabled" | "remediate";
}

const LEVELS: Record<number, Diagnostic["enforcement"]> = {
  [analyzer.EnforcementLevel.ADVISORY]: "advisory",
  [analyzer.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzer.EnforcementLevel.DISABLED]: "disabled",
  [analyzer.EnforcementLevel.REMEDIATE]: "remediate",
};

function call<Req, Res>(client: Client, method: string, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => (client as any)[method](request, (err: Error | null, res: Res) => (err ? reject(err) : resolve(res))));
}

export class ServedPack {
  private constructor(
    private readonly child: ChildProcess,
    readonly client: Client,
  ) {}

  /** Starts `command args…` in `cwd` and connects once it prints its port. */
  static start(command: string, args: string[], cwd: string): Promise<ServedPack> {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (d) => {
        stdout += d;
        const match = /^(\d+)\s*$/m.exec(stdout);
        if (match) resolve(new ServedPack(child, new analyzerService.AnalyzerClient(`127.0.0.1:${match[1]}`, grpc.credentials.createInsecure())));
      });
      child.stderr!.on("data", (d) => (stderr += d));
      child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${stderr}${stdout}`)));
    });
  }

  stop(): void {
    this.client.close();
    this.child.kill();
  }

  info(): Promise<analyzer.AnalyzerInfo> {
    return call(this.client, "getAnalyzerInfo", new Empty());
  }

  /** Hands the pack its config as the CLI does with `--policy-pack-config`: one entry per policy, "all" already applied. */
  async configure(settings: PackSettings): Promise<void> {
    const req = new analyzer.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    const levels = { mandatory: analyzer.EnforcementLevel.MANDATORY, advisory: analyzer.EnforcementLevel.ADVISORY, disabled: analyzer.EnforcementLevel.DISABLED };
    for (const [name, s] of settings) {
      const config = new analyzer.PolicyConfig();
      config.setEnforcementlevel(levels[s.enforcementLevel]);
      config.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(s.options)) as never));
      map.set(name, config);
    }
    await call(this.client, "configure", req);
  }

  /** The resource policies' verdicts on one resource (`analyze`, called per resource before it is changed). */
  async analyze(resource: WireResource): Promise<Diagnostic[]> {
    const req = new analyzer.AnalyzeRequest();
    req.setType(resource.type);
    req.setName(resource.name);
    req.setUrn(resource.urn);
    req.setProperties(Struct.fromJavaScript(resource.properties as never));
    req.setOptions(new analyzer.AnalyzerResourceOptions());
    return diagnostics(await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(this.client, "analyze", req));
  }

  /** The stack policies' verdicts on a whole stack (`analyzeStack`, called once at the end of a preview). */
  async analyzeStack(resources: WireResource[]): Promise<Diagnostic[]> {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(
      resources.map((r) => {
        const message = new analyzer.AnalyzerResource();
        message.setType(r.type);
        message.setName(r.name);
        message.setUrn(r.urn);
        message.setProperties(Struct.fromJavaScript(r.properties as never));
        message.setDependenciesList(r.dependencies ?? []);
        // The engine always sends options; the pack refuses a resource without them.
        message.setOptions(new analyzer.AnalyzerResourceOptions());
        return message;
      }),
    );
    return diagnostics(await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(this.client, "analyzeStack", req));
  }
}

function diagnostics(response: analyzer.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), message: d.getMessage(), urn: d.getUrn(), enforcement: LEVELS[d.getEnforcementlevel()] }));
}

export const PACK_DIR = path.join(PROJECT_DIR, "policies");

/** The pack served from the project's sources (the project's node_modules, TypeScript through tsx). */
export function serveProjectPack(): Promise<ServedPack> {
  return ServedPack.start(process.execPath, ["--require", "tsx/cjs", "index.ts"], PACK_DIR);
}
