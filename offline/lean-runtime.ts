import * as pulumi from "@pulumi/pulumi";
import { plainSerializeProperty, propertySerializers, type SerializeProperty } from "./plain-serialization";

/**
 * Pulumi's runtime does work for every resource that only a deployment driven by the Pulumi CLI needs: a
 * formatted stack trace per promise (leak reports at exit), the program's call stack per resource (source
 * positions the CLI shows) and protobuf messages for every request and response (the gRPC wire to the
 * engine). Under the in-process mocks there is no CLI and no wire: formatting and converting is most of a
 * large stack's run and most of its garbage. `leanRuntime` drops that work for the duration of an offline
 * run, without changing what the program registers or when:
 * - every promise wrapper keeps its two `then` steps and every conversion stays synchronous, so the same
 *   promises settle in the same order and resources are registered in the same order;
 * - a Struct still reads back as protobuf gives it: a copy of the value with every object's keys sorted,
 *   refusing what a Struct cannot hold (undefined, functions); the copy is shared by its readers, which
 *   offline only read it.
 * - plain data in inputs and state is serialized at once, its promise settling after the turns of the
 *   microtask queue the runtime's walk takes (offline/plain-serialization.ts).
 * tests/offline-lean.test.ts runs every stack with and without it and compares the whole `check --json`.
 */

interface DebuggableModule {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
}

type RpcModule = { serializeProperty: SerializeProperty } & ReturnType<typeof propertySerializers>;

interface ResourceClass {
  stackTrace(skip: number): unknown[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of a value as a protobuf Struct holds it: objects with sorted keys; what it cannot hold is refused. */
function structCopy(value: unknown): Json {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map(structCopy);
      const copy: { [key: string]: Json } = {};
      // for…in, as Struct.fromJavaScript reads an object (inherited enumerable keys included).
      const keys: string[] = [];
      let sorted = true;
      for (const key in value) {
        if (sorted && keys.length && keys[keys.length - 1] > key) sorted = false;
        keys.push(key);
      }
      // Most objects arrive sorted (a previous copy's, or the program's): sorting allocates, checking does not.
      if (!sorted) keys.sort();
      for (const key of keys) copy[key] = structCopy((value as Record<string, unknown>)[key]);
      return copy;
    }
    default:
      throw new Error("Unexpected struct type.");
  }
}

interface StructClass {
  new (): object;
  fromJavaScript(value: Record<string, unknown>): object;
}

/**
 * A Struct that keeps its value as plain data: a copy taken when it is made (keys sorted, as protobuf
 * orders them), which every reader gets. Readers offline only read it (the runtime's and the mocks'
 * deserializeProperties build new objects as they go), so the copy is not copied again. Being a Struct,
 * message setters accept it; nothing offline serializes it.
 */
function plainStructClass(Struct: StructClass) {
  return class PlainStruct extends Struct {
    private readonly plain: { [key: string]: Json };

    constructor(value: Record<string, unknown>) {
      super();
      this.plain = structCopy(value) as { [key: string]: Json };
    }

    toJavaScript(): { [key: string]: Json } {
      return this.plain;
    }

    /** Read by the mocks' `getResource` answer. */
    getFieldsMap(): Map<string, { toJavaScript(): Json }> {
      return new Map(Object.entries(this.plain).map(([key, v]) => [key, { toJavaScript: () => v }]));
    }
  };
}

const passOn = <T>(value: T): T => value;
const rethrow = (err: unknown): never => {
  throw err;
};

/** Drops the CLI-only work from Pulumi's runtime; returns the function that puts it back. */
export function leanRuntime(): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as DebuggableModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const struct = (require("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass }).Struct;
  const resource = pulumi.Resource as unknown as ResourceClass;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rpc = require("@pulumi/pulumi/runtime/rpc") as RpcModule;
  const stock = { debuggablePromise: debuggable.debuggablePromise, stackTrace: resource.stackTrace, fromJavaScript: struct.fromJavaScript };
  const stockRpc: RpcModule = { serializeProperty: rpc.serializeProperty, serializeProperties: rpc.serializeProperties, serializeResourceProperties: rpc.serializeResourceProperties, serializePropertiesReturnDeps: rpc.serializePropertiesReturnDeps };

  // Pulumi's modules call it through the module object (`debuggable_1.debuggablePromise`), so this is seen.
  // The stock wrapper's two steps, with functions shared by every call (no closure per promise).
  debuggable.debuggablePromise = <T>(p: Promise<T>): Promise<T> => p.then(passOn).catch(rethrow) as Promise<T>;
  // No call stack: no source position and no stack trace in the registration request, which is not recorded.
  resource.stackTrace = () => [];
  const PlainStruct = plainStructClass(struct);
  struct.fromJavaScript = (value) => new PlainStruct(value);
  // Pulumi's modules call these through the module object too (`rpc_1.serializeProperties`).
  rpc.serializeProperty = plainSerializeProperty(stockRpc.serializeProperty);
  Object.assign(rpc, propertySerializers(rpc.serializeProperty));

  return () => {
    Object.assign(rpc, stockRpc);
    debuggable.debuggablePromise = stock.debuggablePromise;
    resource.stackTrace = stock.stackTrace;
    struct.fromJavaScript = stock.fromJavaScript;
  };
}
