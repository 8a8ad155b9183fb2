import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "./harness";

/** shared/ beside the project (never copied into it): the upstream CRDs and other reference material. */
export const SHARED_DIR = path.resolve(PROJECT_DIR, "..", "shared");
export const SHARED_CRDS = path.join(SHARED_DIR, "crds");

/**
 * For a `before` hook or test that needs ../shared/crds: skips with a printed reason when it is absent
 * (a clone without shared/ beside it), so that a skip is never silent.
 */
export function requireSharedCrds(context: Mocha.Context): void {
  if (fs.existsSync(SHARED_CRDS)) return;
  console.warn(`    SKIPPED: ${SHARED_CRDS} is absent; tests that validate custom resources against the upstream CRDs need ../shared beside the project`);
  context.skip();
}
