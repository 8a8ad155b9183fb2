import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "./harness";

/** shared/ beside the project (never copied into it): the upstream CRDs and other reference material. */
export const SHARED_DIR = path.resolve(PROJECT_DIR, "..", "shared");
export const SHARED_CRDS = path.join(SHARED_DIR, "crds");

/**
 * For a `before` hook or test that needs something of ../shared: skips with a printed reason when it is absent
 * (a clone without shared/ beside it), so that a skip is never silent. `what` says which tests need it.
 */
export function requireShared(context: Mocha.Context, dir: string, what: string): void {
  if (fs.existsSync(dir)) return;
  console.warn(`    SKIPPED: ${dir} is absent; ${what} need ../shared beside the project`);
  context.skip();
}

/** requireShared for ../shared/crds. */
export function requireSharedCrds(context: Mocha.Context): void {
  requireShared(context, SHARED_CRDS, "tests that validate custom resources against the upstream CRDs");
}
