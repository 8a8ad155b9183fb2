/**
 * Values nobody knows yet. In a preview (a first one, or whenever a resource is replaced) what the cloud
 * computes is unknown: ids, ARNs, endpoints, generated names, and every input built from them (an IRSA role
 * ARN in a ServiceAccount's annotations, a bucket name in a PostgresCluster). The engine sends them as
 * sentinels; subjects carry them as the one value `UNKNOWN`, whatever their type.
 *
 * `UNKNOWN` is absorbing: any field of an unknown value is unknown (`UNKNOWN.spec.containers` is `UNKNOWN`),
 * a list that is unknown has one unknown element (`list(UNKNOWN)`), and it prints as "(unknown until apply)".
 * So a rule that reads past an unknown reads unknowns, never `undefined` (which would pass as "not set").
 *
 * A rule judges what is known. Where its verdict depends on an unknown it returns an `Undetermined` message
 * (what could not be judged) instead of a violation: the engine reports it as the "unknown" outcome, at
 * advisory level, never as a mandatory violation and never silently as a pass.
 */

export const UNKNOWN_TEXT = "(unknown until apply)";

const text = () => UNKNOWN_TEXT;

// A frozen, prototype-less target: the proxy has no own keys, so it enumerates as an empty object.
export const UNKNOWN: unknown = new Proxy(Object.freeze(Object.create(null)) as object, {
  get(_target, key) {
    if (key === Symbol.toPrimitive || key === "toString" || key === "toJSON" || key === "valueOf") return text;
    // Not iterable, not thenable: spreading or awaiting an unknown is a bug, and fails loudly.
    if (typeof key === "symbol" || key === "then") return undefined;
    return UNKNOWN;
  },
  has: () => false,
});

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Whether a value is, or holds anywhere, an unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** A copy of a value with every leaf `isUnknownLeaf` recognises (an engine sentinel, Pulumi's unknown) made `UNKNOWN`. */
export function withUnknowns(value: unknown, isUnknownLeaf: (v: unknown) => boolean): unknown {
  if (isUnknownLeaf(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map((v) => withUnknowns(v, isUnknownLeaf));
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v, isUnknownLeaf)]));
  }
  return value;
}

/** What a rule could not judge because a value it needs is unknown (the "unknown" outcome). */
export class Undetermined {
  constructor(readonly message: string) {}
}

/** What a rule says about a subject: a violation, or what it could not judge. */
export type RuleMessage = string | Undetermined;

/** "<what> is unknown until apply: <consequence>", as an Undetermined message. */
export function undetermined(what: string, consequence = "could not be judged in this preview"): Undetermined {
  return new Undetermined(`${what} is ${UNKNOWN_TEXT}: ${consequence}`);
}

export function isUndetermined(message: RuleMessage): message is Undetermined {
  return message instanceof Undetermined;
}

/** The text of a message, either kind. */
export function messageText(message: RuleMessage): string {
  return isUndetermined(message) ? message.message : message;
}

/** The message with a prefix (which pod spec of an object it is about), keeping its kind. */
export function prefixed(prefix: string, message: RuleMessage): RuleMessage {
  return isUndetermined(message) ? new Undetermined(prefix + message.message) : prefix + message;
}

/**
 * Violations that hold unless an exemption applies whose condition is unknown (a Windows pod, a pod in its
 * own user namespace): each becomes what could not be judged, saying why.
 */
export function unlessUnknown(messages: RuleMessage[], condition: string): RuleMessage[] {
  return messages.map((m) => (isUndetermined(m) ? m : new Undetermined(`${m}, unless ${condition}, which is ${UNKNOWN_TEXT}`)));
}

/**
 * One judged value's messages: Undetermined (naming `what`) when it is unknown, the violation when `fails`
 * says so, none when it passes.
 */
export function judge<T>(value: T, fails: (value: T) => boolean, violation: () => string, what: string): RuleMessage[] {
  if (isUnknown(value)) return [undetermined(what)];
  return fails(value) ? [violation()] : [];
}
