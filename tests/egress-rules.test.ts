import { strict as assert } from "node:assert";
import { egressRules } from "../capabilities/observability/egress-rules";
import { specOf, testLayer } from "./harness";

/**
 * The egress recording rules add HTTP requests and TCP connections per label set. `A or B` would keep B
 * only for label sets A lacks (a layer with HTTP traffic would lose its TCP count), and `(A or vector(0)) +
 * (B or vector(0))` matches label sets exactly (a layer with only one kind would vanish). The rules tag each
 * term with its own `strata_term` label, join them with `or` (no label set can collide), and sum by the
 * rule's label. No PromQL parser is in the project: these check the shape that makes it right, and that
 * parentheses balance.
 */

const layers = specOf({ profile: "dev", layers: [testLayer("agents", { egress: [{ host: "api.openai.com" }] })] }).layers;
const [rule] = egressRules(layers, {}) as unknown as { spec: { groups: { rules: { record?: string; expr: string }[] }[] } }[];
const recorded = Object.fromEntries(rule.spec.groups[0].rules.filter((r) => r.record).map((r) => [r.record!, r.expr]));

/** The top-level operands of `expr` joined by ` or ` (outside any parentheses). */
function topLevelOr(expr: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    if (expr[i] === "(") depth++;
    else if (expr[i] === ")") depth--;
    else if (depth === 0 && expr.startsWith(" or ", i)) {
      parts.push(expr.slice(start, i));
      start = i + 4;
    }
    assert.ok(depth >= 0, `unbalanced at ${i}: ${expr}`);
  }
  assert.equal(depth, 0, `unbalanced: ${expr}`);
  return [...parts, expr.slice(start)];
}

/** `sum by (<by>) (<inner>)` as a whole, and its terms: each a tagged per-label-set sum of one rate. */
function termsOf(expr: string, by: string): { metric: string; selector: string; tag: string }[] {
  const prefix = `sum by (${by}) (`;
  assert.ok(expr.startsWith(prefix) && expr.endsWith(")"), expr);
  assert.equal(topLevelOr(expr).length, 1, `an or outside the outer sum: ${expr}`);
  return topLevelOr(expr.slice(prefix.length, -1)).map((term) => {
    const m = /^label_replace\(sum by \((\w+)\) \(rate\((\w+)\{(.*)\}\[5m\]\)\), "strata_term", "(\d+)", "", ""\)$/.exec(term);
    assert.ok(m, `not a tagged per-label-set rate: ${term}`);
    assert.equal(m[1], by);
    return { metric: m[2], selector: m[3], tag: m[4] };
  });
}

describe("egress metrics: HTTP and TCP summed per label set", () => {
  const cases: [string, string, string[]][] = [
    ["strata:egress_by_layer:rate5m", "source_workload_namespace", ["istio_requests_total", "istio_tcp_connections_opened_total"]],
    ["strata:egress_by_host:rate5m", "destination_service_name", ["istio_requests_total", "istio_tcp_connections_opened_total"]],
    ["strata:egress_denied_by_layer:rate5m", "source_workload_namespace", ["istio_requests_total", "istio_tcp_connections_opened_total", "istio_requests_total"]],
  ];
  for (const [record, by, metrics] of cases) {
    it(`${record}: one sum by (${by}) over ${metrics.length} terms, each tagged apart, so none is dropped for a label set another has`, () => {
      const terms = termsOf(recorded[record], by);
      assert.deepEqual(terms.map((t) => t.metric), metrics);
      assert.equal(new Set(terms.map((t) => t.tag)).size, terms.length, "each term its own tag");
    });
  }

  it("denied: calls to BlackHoleCluster (HTTP and TCP) and the gateway's 403s, each counted", () => {
    const selectors = termsOf(recorded["strata:egress_denied_by_layer:rate5m"], "source_workload_namespace").map((t) => t.selector);
    assert.match(selectors[0], /BlackHoleCluster/);
    assert.match(selectors[1], /BlackHoleCluster/);
    assert.match(selectors[2], /response_code="403"/);
  });
});
