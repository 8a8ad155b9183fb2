/** Formats the API server checks in custom resources; any other format is accepted as the server does. */
export const FORMATS: Record<string, RegExp | { type: "number"; validate: (value: number) => boolean }> = {
  int32: { type: "number", validate: (v) => typeof v === "number" && v >= -(2 ** 31) && v < 2 ** 31 },
  int64: { type: "number", validate: (v) => typeof v === "number" && Number.isSafeInteger(v) },
  duration: /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/,
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/,
  byte: /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
};
