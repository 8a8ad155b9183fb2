import * as fs from "node:fs";
import * as path from "node:path";
import { deferModule } from "../platform/deferred-module";

/**
 * Importing `@pulumi/pulumi` loads its Automation API (the SDK's driver for the Pulumi CLI) and its closure
 * serializer (with npm's Arborist and sigstore behind it): 560 of its 770 modules, four fifths of its load
 * time, none of which a program uses. For the offline runner those modules are loaded on first use instead:
 * the module cache holds a stand-in for each (platform/deferred-module.ts) that loads the real module the
 * first time anything reads from or calls into it. Nothing else changes, and no loader hook is involved; a
 * module the SDK no longer has is simply not deferred. Must run before the SDK is first imported:
 * cli/check.ts and offline/run.ts import this module first.
 */

/**
 * The SDK's modules a program never uses (relative to the SDK), with the functions their requirer copies at
 * once (none: it keeps the module object).
 */
const DEFERRED: [string, string[]?][] = [
  [path.join("automation", "index.js")],
  // Closure serialization (functions serialized for dynamic providers), with npm's Arborist and sigstore behind it.
  [path.join("runtime", "closure", "serializeClosure.js"), ["serializeFunctionAsync", "serializeFunction"]],
  [path.join("runtime", "closure", "codePaths.js"), ["computeCodePaths"]],
];

const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
for (const [file, functions] of DEFERRED) deferModule(path.join(sdk, file), functions);

/**
 * The SDK's wire to the Pulumi CLI: gRPC (its clients and servers, the generated `*_grpc_pb` service
 * modules that build them at load) and OpenTelemetry (tracing of those calls). Under the mocks nothing is
 * sent: they are loaded only if something does use them.
 */
for (const file of fs.readdirSync(path.join(sdk, "proto"))) if (file.endsWith("_grpc_pb.js")) deferModule(path.join(sdk, "proto", file));
for (const name of ["@grpc/grpc-js", "@opentelemetry/api"]) deferModule(require.resolve(name, { paths: [sdk] }));

/** semver (47 modules): the SDK compares provider versions with it, which a run under the mocks may never do. */
deferModule(require.resolve("semver", { paths: [sdk] }));

/**
 * The provider SDKs' index modules load every namespace they have (@pulumi/aws: 237 services, 300 modules;
 * @pulumi/kubernetes: every API group), each registering its resource types for rehydration, while a
 * program uses a dozen. Each namespace's index (`<package>/<namespace>/index.js`, which the package's index
 * keeps as a module object) is loaded on its first use instead: a program reaches a resource class through
 * its namespace, so the namespace registers its types before any of its resources exists, as it did at import.
 */
const PROVIDER_SDKS = ["@pulumi/aws", "@pulumi/kubernetes"];

for (const name of PROVIDER_SDKS) {
  const root = path.dirname(require.resolve(`${name}/package.json`));
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const index = path.join(root, entry.name, "index.js");
    if (entry.isDirectory() && fs.existsSync(index)) deferModule(index);
  }
}
