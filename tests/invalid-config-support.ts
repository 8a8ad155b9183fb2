import { strict as assert } from "node:assert";
import type { ConfigIssue } from "../config";
import type { InvalidConfigRun } from "../offline/run";
import { runWithConfig } from "./harness";

/**
 * Table-driven invalid stack configs, run through the real program (offline, under Pulumi's mocks): each
 * must fail with exactly its key paths, messages that say what was expected, and nothing registered.
 */

export interface ExpectedIssue {
  path: string;
  /** What the message must say: what was expected (and, where useful, what was found). */
  message: RegExp[];
}

export interface InvalidCase {
  title: string;
  config: Record<string, unknown>;
  /** Every issue the config must produce: exactly these paths, no more. */
  issues: ExpectedIssue[];
}

export const issue = (path: string, ...message: RegExp[]): ExpectedIssue => ({ path, message });

export function assertInvalidRun(run: Awaited<ReturnType<typeof runWithConfig>>): asserts run is InvalidConfigRun {
  assert.equal(run.ok, false, "the run succeeded although the config is invalid");
}

/** The issues are exactly at the expected paths, and each expected message pattern matches one there. */
export function assertIssues(actual: ConfigIssue[], expected: ExpectedIssue[]): void {
  const show = JSON.stringify(actual, null, 2);
  assert.deepEqual([...new Set(actual.map((i) => i.path))].sort(), expected.map((e) => e.path).sort(), `issue paths differ:\n${show}`);
  for (const want of expected) {
    const messages = actual.filter((i) => i.path === want.path).map((i) => i.message);
    for (const pattern of want.message) assert.ok(messages.some((m) => pattern.test(m)), `no message at ${want.path} matches ${pattern}: ${JSON.stringify(messages)}`);
  }
}

/** One test per case: the run fails with the case's issues and registers nothing. */
export function itRejectsEachCase(cases: InvalidCase[]): void {
  for (const c of cases) {
    it(`${c.title}: ${c.issues.map((i) => i.path).join(", ")}`, async () => {
      const run = await runWithConfig(c.config);
      assertInvalidRun(run);
      assert.equal(run.namespace, "strata");
      assertIssues(run.issues, c.issues);
      assert.equal(run.resources.length, 0, `resources were registered: ${run.resources.map((r) => r.urn).join(", ")}`);
    });
  }
}
