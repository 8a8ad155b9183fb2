import { isUndetermined, messageText, prefixed, type RuleMessage } from "../engine/unknown";
import { POD_SECURITY_VERSION } from "../platform/versions";
import type { KubernetesObjectLike, ObjectLookup, PodSpecExtractors, PodSpecSite } from "./pod-spec";
import { POD_SPEC_EXTRACTORS } from "./pod-spec-extractors";
import type { PodSecurityRule } from "./rule";
import { POD_SECURITY_RULES } from "./rules";
import { podSecurityMinor, type PodSecurityVersion } from "./version";


/** A namespace's Pod Security level, as its `pod-security.kubernetes.io/enforce` label names it. */
export type PodSecurityNamespaceLevel = "privileged" | "baseline" | "restricted";

export interface PodSecurityViolation {
  rule: string;
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  /** Set when the check could not be judged: a value it needs is unknown until apply. */
  undetermined?: true;
}

export interface PodSecurityOptions {
  level: PodSecurityNamespaceLevel;
  /** The other objects, for pods that take parts of another object's template (Strimzi node pools). */
  lookup?: ObjectLookup;
  /** Defaults to the version Strata pins its namespaces to (the targeted Kubernetes version). */
  version?: PodSecurityVersion;
  /** Defaults to POD_SPEC_EXTRACTORS. */
  extractors?: PodSpecExtractors;
}

/**
 * The rules of a level: baseline's for baseline, baseline's and restricted's for restricted, none for
 * privileged. Unlike the reference implementation, restricted does not switch off the baseline checks its
 * stricter ones supersede (host paths, capabilities, seccomp, /proc mount): the verdict is the same for any
 * pod the API server accepts, and each rule keeps meaning one check at every level.
 */
export function podSecurityRules(level: PodSecurityNamespaceLevel): PodSecurityRule[] {
  if (level === "privileged") return [];
  return POD_SECURITY_RULES.filter((rule) => level === "restricted" || rule.level === "baseline");
}

/**
 * An object's pod specs, each with the prefix its messages get: which spec, when there are several (custom
 * resources), and which other object's template it takes parts from, when it does.
 */
export function podSpecSites(object: KubernetesObjectLike, extractors = POD_SPEC_EXTRACTORS, lookup?: ObjectLookup): { where: string; site: PodSpecSite }[] {
  const sites = extractors.podSpecsOf(object, lookup);
  return sites.map((site) => ({ where: sites.length > 1 || site.inherits ? `${site.path}${site.inherits ? ` (with ${site.inherits})` : ""}: ` : "", site }));
}

/** One rule's messages for every pod spec of an object (none for an object without pods). */
export function podSecurityRuleMessages(rule: PodSecurityRule, object: KubernetesObjectLike, version: PodSecurityVersion, extractors = POD_SPEC_EXTRACTORS, lookup?: ObjectLookup): RuleMessage[] {
  return siteMessages(rule, podSpecSites(object, extractors, lookup), version);
}

/** One rule's messages for pod specs already found (podSpecSites). */
export function siteMessages(rule: PodSecurityRule, sites: ReturnType<typeof podSpecSites>, version: PodSecurityVersion): RuleMessage[] {
  return sites.flatMap(({ where, site }) => rule.check(site.spec, site.metadata, version).map((message) => prefixed(where, message)));
}

/** Pod Security violations of one object at a level and version; none for an object without pods. */
export function evaluatePodSecurity(object: KubernetesObjectLike, options: PodSecurityOptions): PodSecurityViolation[] {
  const version = options.version ?? (POD_SECURITY_VERSION as PodSecurityVersion);
  podSecurityMinor(version); // an invalid version is an error even for an object without pods
  const owner = { kind: String(object.kind), namespace: object.metadata?.namespace, name: String(object.metadata?.name ?? "") };
  const rules = podSecurityRules(options.level);
  return podSpecSites(object, options.extractors ?? POD_SPEC_EXTRACTORS, options.lookup).flatMap(({ where, site }) =>
    rules.flatMap((rule) =>
      rule.check(site.spec, site.metadata, version).map((message) => ({
        rule: rule.name,
        ...owner,
        message: where + messageText(message),
        ...(isUndetermined(message) ? { undetermined: true as const } : {}),
      })),
    ),
  );
}
