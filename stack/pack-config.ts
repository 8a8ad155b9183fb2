import type { Capability } from "../capabilities/capability";
import { CAPABILITIES } from "../capabilities/registry";
import type { Profile } from "../config/profiles";
import type { ChartPin } from "../platform/pins";
import type { ChartPin as AllowedChart, EnforcementLevel, Exemption } from "../policies/engine/rule";
import { POLICY_RULES } from "../policies/rules";

/**
 * The policy pack's config for a profile, as `pulumi preview --policy-pack-config` reads it: the profile's
 * levels, and from the capabilities, each namespace's exemptions (with their reasons) and the Helm
 * allow-list (every capability's pinned charts). policies/config/<profile>.json are this, written out
 * (`strata pack-config --profile <profile>`; a test keeps them current), because the Pulumi CLI reads a file.
 */

/**
 * What dev relaxes to a warning: a public edge without TLS, WAF or trusted certificates (Let's Encrypt
 * staging), a public API endpoint, and mTLS that may be PERMISSIVE while migrating.
 */
const PROFILE_LEVELS: Record<Profile, Readonly<Record<string, EnforcementLevel>>> = {
  dev: {
    "network-public-edge-tls": "advisory",
    "network-public-alb-waf": "advisory",
    "network-public-certificate-issuer": "advisory",
    "mesh-strict-mtls": "advisory",
    "mesh-no-mtls-downgrade": "advisory",
    "aws-eks-private-endpoint": "advisory",
  },
  prod: {},
};

/** How the allow-list names a pinned chart: an OCI chart by its full reference, an https one by repository and name. */
export function allowedChart(pin: ChartPin): AllowedChart {
  const repo = pin.repo.replace(/\/+$/, "");
  return repo.startsWith("oci://") ? { chart: `${repo}/${pin.name}`, version: pin.version } : { chart: pin.name, repository: repo, version: pin.version };
}

/** The exemptions the capabilities declare, by rule. */
function exemptionsByRule(capabilities: readonly Capability[]): Map<string, Exemption[]> {
  const byRule = new Map<string, Exemption[]>();
  for (const capability of capabilities) {
    for (const namespace of capability.namespaces) {
      for (const { rule, reason } of namespace.exemptions ?? []) {
        if (!POLICY_RULES.some((r) => r.name === rule)) throw new Error(`capability "${capability.name}" exempts ${namespace.name} from "${rule}", which is not a rule of the pack`);
        byRule.set(rule, [...(byRule.get(rule) ?? []), { namespace: namespace.name, reason }]);
      }
    }
  }
  return byRule;
}

/** The pack config of a profile: every rule mandatory unless the profile relaxes it, the capabilities' exemptions and charts. */
export function packConfig(profile: Profile, capabilities: readonly Capability[] = CAPABILITIES): Record<string, unknown> {
  const exemptions = exemptionsByRule(capabilities);
  const charts = capabilities.flatMap((c) => c.charts).map(allowedChart);
  const config: Record<string, unknown> = { all: "mandatory" };
  for (const rule of POLICY_RULES) {
    const level = PROFILE_LEVELS[profile][rule.name];
    const options = {
      ...(exemptions.has(rule.name) ? { exemptions: exemptions.get(rule.name) } : {}),
      ...(rule.name === "supply-chain-helm-allowlist" ? { allowedCharts: charts } : {}),
    };
    if (Object.keys(options).length) config[rule.name] = { ...(level ? { enforcementLevel: level } : {}), ...options };
    else if (level) config[rule.name] = level;
  }
  return config;
}
