/** Exit codes of `strata check` and `strata validate`. */
export const EXIT = { ok: 0, failed: 1, invalidConfig: 2, policyViolations: 3 } as const;

/**
 * The exit code of a check: schema errors (1) before policy violations (3), both said on stderr. Shared by
 * `strata check` and `strata validate`.
 */
export function verdict(subject: string, mandatory: number, schemaErrors: number, err: (text: string) => void): number {
  if (schemaErrors) err(`${subject}: ${schemaErrors} schema error${schemaErrors === 1 ? "" : "s"}`);
  if (mandatory) err(`${subject}: ${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}`);
  return schemaErrors ? EXIT.failed : mandatory ? EXIT.policyViolations : EXIT.ok;
}
