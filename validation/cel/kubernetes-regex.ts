import { celMethod, CelScalar, listType, type CelFunc } from "@bufbuild/cel";
import { RE2JS } from "@bufbuild/re2";

/**
 * Kubernetes' CEL regex library (k8s.io/apiserver/pkg/cel/library/regex.go), which upstream CRDs use
 * (Karpenter: `key.find("^([^/]+)").endsWith("karpenter.sh")`): `find` returns the first match or "",
 * `findAll` every non-overlapping match (at most `limit`; a negative limit: all).
 *
 * The pattern must be RE2 (checked with the RE2 engine the validator uses for `pattern`); that engine only
 * tells whether a string matches, so the match itself is located with JavaScript's RegExp, which agrees with
 * RE2's leftmost-first matching on RE2's syntax (a leading `(?i)`, RE2's flag group, becomes the `i` flag; a
 * pattern RegExp cannot read fails the rule, which is then reported, never skipped).
 */

function regExp(pattern: string): RegExp {
  RE2JS.compile(pattern);
  const caseless = pattern.startsWith("(?i)");
  return new RegExp(caseless ? pattern.slice(4) : pattern, caseless ? "gi" : "g");
}

function findAll(text: string, pattern: string, limit = -1): string[] {
  if (limit === 0) return [];
  const found: string[] = [];
  for (const match of text.matchAll(regExp(pattern))) {
    found.push(match[0]);
    if (limit > 0 && found.length >= limit) break;
  }
  return found;
}

export const kubernetesRegexFunctions: CelFunc[] = [
  celMethod("find", CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (this: string, pattern: string) {
    return findAll(this, pattern, 1)[0] ?? "";
  }),
  celMethod("findAll", CelScalar.STRING, [CelScalar.STRING], listType(CelScalar.STRING), function (this: string, pattern: string) {
    return findAll(this, pattern);
  }),
  celMethod("findAll", CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], listType(CelScalar.STRING), function (this: string, pattern: string, limit: bigint) {
    return findAll(this, pattern, Number(limit));
  }),
];
