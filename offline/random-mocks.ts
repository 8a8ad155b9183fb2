import { randomInt } from "node:crypto";

/**
 * What `@pulumi/random` computes on creation, offline: a RandomPassword's `result`, drawn afresh (from
 * letters and digits, plus a few specials unless `special: false`) at the requested length, so that an
 * offline run carries a real, unpredictable value wherever the program puts one (tests then prove it never
 * reaches a rendered file or a plaintext output).
 */
export function randomComputedState(type: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type !== "random:index/randomPassword:RandomPassword") return {};
  const alphabet = `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789${inputs.special === false ? "" : "!#%&*()-_=+[]{}<>:?"}`;
  const length = typeof inputs.length === "number" ? inputs.length : 16;
  return { result: Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("") };
}
