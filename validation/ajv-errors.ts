import type { ErrorObject } from "ajv";

/** One line per ajv error, in the words kubectl would use. */
export function ajvErrorMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return `required field ${String(p.missingProperty)} is missing`;
    case "additionalProperties":
      return `unknown field "${String(p.additionalProperty)}"`;
    case "type":
      return `must be of type ${String(p.type)}`;
    case "enum":
      return `must be one of ${JSON.stringify(p.allowedValues)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** The pointer an ajv error is about: the missing or unknown property's own path where there is one. */
export function ajvErrorPath(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === "required") return `${e.instancePath}/${String(p.missingProperty)}`;
  if (e.keyword === "additionalProperties") return `${e.instancePath}/${String(p.additionalProperty)}`;
  return e.instancePath;
}
