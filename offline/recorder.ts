import * as pulumi from "@pulumi/pulumi";
import { isUnknown as isPulumiUnknown } from "@pulumi/pulumi/output";
import { awsComputedState, awsInvoke } from "./aws-mocks";
import { randomComputedState } from "./random-mocks";

/**
 * Records every resource a program registers under Pulumi's in-process mocks, with what the engine
 * itself would see: parent, explicit dependencies, provider and inputs, plus the stack's outputs with
 * their secret markers.
 *
 * The mocks' `newResource` hook is not told a resource's parent or dependencies, so the recorder wraps the
 * mock monitor's own `registerResource`/`registerResourceOutputs`, which receive the full request.
 */

export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  dependsOn: string[];
  provider?: string;
  custom: boolean;
  inputs: Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getObject(): unknown;
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type Callback = (err: unknown, response: { getUrn(): string } | undefined) => void;

interface Monitor {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, callback: (err: unknown, response: unknown) => void): void;
}

export class ResourceRecorder {
  readonly resources: RecordedResource[] = [];
  readonly duplicateUrns: string[] = [];
  private stackOutputs: Record<string, unknown> | undefined;
  private readonly urns = new Set<string>();
  /** The request the mock monitor is handling, while it calls the mocks (synchronously, before it awaits). */
  private current: RegisterRequest | undefined;
  /** Each request's inputs as the mock monitor deserialized them for the mocks: recorded as they are, not deserialized again. */
  private readonly inputsOf = new WeakMap<RegisterRequest, Record<string, unknown>>();

  /**
   * @param preview Run as a first `pulumi preview` sees the program: nothing exists yet, so every id and
   * every value AWS or @pulumi/random computes is unknown, and so is every input built from one.
   */
  constructor(private readonly preview = false) {}

  /**
   * Mocks that echo inputs back as state, as a freshly created resource would have them, plus what AWS
   * computes on creation (ARNs, endpoints) and what @pulumi/random generates (offline/random-mocks.ts);
   * invokes get AWS's fixed offline answers (offline/aws-mocks.ts). In a preview the computed values are
   * unknown instead (ids too).
   */
  readonly mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      if (this.current) this.inputsOf.set(this.current, args.inputs);
      const computed = { ...awsComputedState(args.type, args.name, args.inputs), ...randomComputedState(args.type, args.inputs) };
      if (!this.preview) return { id: `${args.name}-id`, state: { ...args.inputs, ...computed } };
      const unknown = Object.fromEntries(Object.keys(computed).map((key) => [key, pulumi.runtime.unknownValue]));
      return { id: "", state: { ...args.inputs, ...unknown } };
    },
    call: (args) => awsInvoke(args.token, args.inputs) ?? { ...args.inputs },
  };

  /** Installs the mocks and starts recording. Call before the program registers anything. */
  async install(project: string, stack: string): Promise<void> {
    await pulumi.runtime.setMocks(this.mocks, project, stack, this.preview);
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    // URNs as the engine forms them: a child's type is its parent's whole type chain plus its own, the root
    // stack left out. The mock monitor keeps only the parent's last type and includes the root stack.
    const urns = monitor as unknown as { newUrn(parent: string, type: string, name: string): string };
    urns.newUrn = (parent, type, name) => engineUrn(project, stack, parent, type, name);
    const registerResource = monitor.registerResource.bind(monitor);
    const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResource = (req, callback) => {
      this.current = req;
      try {
        return registerResource(req, (err, response) => {
          if (!err && response) this.record(req, response.getUrn());
          callback(err, response);
        });
      } finally {
        this.current = undefined;
      }
    };
    monitor.registerResourceOutputs = (req, callback) => {
      if (req.getUrn().split("::")[2] === ROOT_STACK_TYPE) this.stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
      registerResourceOutputs(req, callback);
    };
  }

  private record(req: RegisterRequest, urn: string): void {
    if (this.urns.has(urn)) this.duplicateUrns.push(urn);
    this.urns.add(urn);
    this.resources.push({
      urn,
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || undefined,
      dependsOn: [...req.getDependenciesList()].sort(),
      provider: req.getProvider() || undefined,
      custom: req.getCustom(),
      inputs: this.inputsOf.get(req) ?? (pulumi.runtime.deserializeProperties(req.getObject() as never) as Record<string, unknown>),
    });
  }

  /** The stack outputs as the engine received them: secret values still wrapped in their marker. */
  get rawStackOutputs(): Record<string, unknown> | undefined {
    return this.stackOutputs;
  }
}

/** Whether a value is a secret as the runtime wraps it (the secret signature and the plain `value`). */
function isSecretValue(value: object): value is { value: unknown } {
  return (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig;
}

/** The value with every secret replaced by what `replace` makes of it, given the secret and its path. */
function mapSecrets(value: unknown, replace: (secret: { value: unknown }, path: string) => unknown, path = ""): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mapSecrets(v, replace, `${path}[${i}]`));
  if (value && typeof value === "object") {
    if (isSecretValue(value)) return replace(value, path);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSecrets(v, replace, path ? `${path}.${k}` : k)]));
  }
  return value;
}

/** Output values with every secret replaced by "[secret]", and the paths of the secrets. */
export function maskSecrets(value: unknown, path = ""): { value: unknown; secrets: string[] } {
  const secrets: string[] = [];
  const masked = mapSecrets(value, (_, at) => {
    secrets.push(at);
    return "[secret]";
  }, path);
  return { value: masked, secrets };
}

/** Output values with every secret replaced by its plain value: what the policies judge (never printed). */
export function revealSecrets(value: unknown): unknown {
  return mapSecrets(value, (secret) => revealSecrets(secret.value));
}

/** A value with every unknown (a preview's computed value, or an input built from one) replaced by what `replace` makes of it (a printable mark, the engine's sentinel). */
export function mapUnknowns(value: unknown, replace: () => unknown): unknown {
  // Recorded inputs hold the runtime's unknown; stack outputs, as sent, the engine's sentinel for it.
  if (isPulumiUnknown(value) || value === pulumi.runtime.unknownValue) return replace();
  if (Array.isArray(value)) return value.map((v) => mapUnknowns(v, replace));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapUnknowns(v, replace)]));
  return value;
}

/** The URN the engine gives a resource of `type` named `name` under `parent` (a URN, or "" for none). */
export function engineUrn(project: string, stack: string, parent: string, type: string, name: string): string {
  const parentChain = parent ? parent.split("::")[2] : "";
  const chain = parentChain && parentChain !== ROOT_STACK_TYPE ? `${parentChain}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}
