import { enableCompileCache } from "node:module";
import { strataCacheDir } from "../platform/cache-dir";

/**
 * Node's module compile cache (Node ≥ 22.1): V8's compiled code of every module loaded after this call is
 * kept on disk and reused by the next process, which then skips parsing and compiling the SDKs it loads.
 * Imported first by cli/main.ts. NODE_COMPILE_CACHE, when set, names the directory instead;
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off.
 */
enableCompileCache?.(process.env.NODE_COMPILE_CACHE || strataCacheDir("node-compile-cache"));
