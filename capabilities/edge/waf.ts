/**
 * The ALB's WAFv2 Web ACL as plain data (the `aws.wafv2.WebAcl` arguments): regional, allow by default, and
 * three rules — AWS's managed core rule set (OWASP top-10 style inspection), its known-bad-inputs rule set
 * (Log4j, request smuggling patterns), and a rate limit per client IP address from config. CloudWatch
 * metrics and sampled requests on every rule, so a block can be seen and explained.
 */

export const WEB_ACL_RULES = {
  core: { name: "aws-managed-common-rule-set", group: "AWSManagedRulesCommonRuleSet", priority: 10 },
  knownBadInputs: { name: "aws-managed-known-bad-inputs", group: "AWSManagedRulesKnownBadInputsRuleSet", priority: 20 },
  rateLimit: { name: "rate-limit-per-client-ip", priority: 30 },
} as const;

const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });

export function webAclArgs(name: string, rateLimit: number) {
  const managed = (rule: { name: string; group: string; priority: number }) => ({
    name: rule.name,
    priority: rule.priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: "AWS", name: rule.group } },
    visibilityConfig: visibility(rule.name),
  });
  return {
    name,
    description: `The public edge of ${name}: AWS managed core and known-bad-inputs rules, ${rateLimit} requests per client IP in 5 minutes`,
    scope: "REGIONAL",
    defaultAction: { allow: {} },
    rules: [
      managed(WEB_ACL_RULES.core),
      managed(WEB_ACL_RULES.knownBadInputs),
      {
        name: WEB_ACL_RULES.rateLimit.name,
        priority: WEB_ACL_RULES.rateLimit.priority,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: "IP" } },
        visibilityConfig: visibility(WEB_ACL_RULES.rateLimit.name),
      },
    ],
    visibilityConfig: visibility(name),
  };
}
