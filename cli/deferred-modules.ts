import { deferModule } from "../platform/deferred-module";

/**
 * Modules the CLI's dependencies load at once and no command uses, loaded on first use instead: zod's
 * classic API loads its translated error messages for every language (85 modules, a fifth of zod's load
 * time); Strata's messages are its own, in English. Imported by cli/main.ts before anything loads zod.
 */
deferModule(require.resolve("zod/v4/locales/index.cjs"));
