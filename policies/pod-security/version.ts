/**
 * Pod Security versions. A namespace pins the Pod Security Standards to a Kubernetes minor version
 * (`pod-security.kubernetes.io/enforce-version: v1.34`) or to `latest`; the checks changed over time
 * (the sysctl allow-list grew, probe hosts became forbidden in v1.34, user namespaces relax /proc mount
 * from v1.35), so every rule takes the version.
 */

export type PodSecurityVersion = "latest" | `v1.${number}`;

/**
 * The newest version the pack knows (the reference implementation's newest fixtures, v1.37, whose sysctls
 * check is its latest change): what `latest` means. Versions after it evaluate exactly as it does, as the
 * reference implementation evaluates a version newer than its newest check.
 */
export const LATEST_POD_SECURITY_VERSION = "v1.37";

const VERSION_PATTERN = /^v1\.(0|[1-9][0-9]*)$/;
/** Any valid version, "latest" included (config schemas validate with it). */
export const POD_SECURITY_VERSION_PATTERN = /^(latest|v1\.(0|[1-9][0-9]*))$/;

export function isPodSecurityVersion(value: string): value is PodSecurityVersion {
  return POD_SECURITY_VERSION_PATTERN.test(value);
}

/** The minor version a Pod Security version stands for ("v1.34" → 34, "latest" → the newest known). */
export function podSecurityMinor(version: PodSecurityVersion): number {
  // Every rule asks for every container: each version is read once.
  let minor = minors.get(version);
  if (minor === undefined) minors.set(version, (minor = parseMinor(version)));
  return minor;
}
const minors = new Map<string, number>();

function parseMinor(version: PodSecurityVersion): number {
  const resolved = version === "latest" ? LATEST_POD_SECURITY_VERSION : version;
  const match = VERSION_PATTERN.exec(resolved);
  if (!match) throw new Error(`invalid Pod Security version ${JSON.stringify(version)}: expected "latest" or "v1.<minor>", e.g. "v1.34"`);
  return Number(match[1]);
}
