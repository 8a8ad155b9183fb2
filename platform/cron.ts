import { parseGoDurationNanos } from "./duration";

/**
 * Cron schedules as their consumers take them (robfig/cron's standard parser: Velero, Kubernetes CronJobs
 * such as the ones PGO runs pgBackRest in, Karpenter's budgets): five fields (minute, hour, day of month,
 * month, day of week) or a descriptor (`@daily`). A schedule that would never parse in the cluster, or never
 * fire, is refused at config time with the field that is wrong: each field is checked here (robfig has no
 * `L`, `W`, `#`, nor a day of week 7), then the whole by cron-parser, a real cron parser (steps of 0,
 * impossible dates such as 31 February).
 */

/** Who runs a schedule: `@every <duration>` only where the consumer documents it (Velero). */
export type CronConsumer = "velero" | "kubernetes-cronjob" | "karpenter";

const EVERY_ACCEPTED: Record<CronConsumer, boolean> = { velero: true, "kubernetes-cronjob": false, karpenter: false };

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Names allowed in place of numbers (JAN…DEC, SUN…SAT). */
  names?: string[];
}

const FIELDS: CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

const DESCRIPTORS = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"];
const EVERY = /^@every (\S+)$/;

function value(text: string, field: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return field.names === FIELDS[3].names ? index + 1 : index;
  return undefined;
}

/** Why one field is wrong, or undefined. A field is a list of `*`, `v`, `a-b`, each optionally `/step`. */
function fieldProblem(text: string, field: CronField): string | undefined {
  for (const part of text.split(",")) {
    const [range, step, extra] = part.split("/");
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) return `${field.name} "${text}": a step is "/" and a positive number`;
    if (range === "*" || (range === "?" && (field.name === "day of month" || field.name === "day of week"))) continue;
    const bounds = range.split("-");
    if (bounds.length > 2) return `${field.name} "${text}" is not a value, a range or "*"`;
    const numbers = bounds.map((b) => value(b, field));
    if (numbers.some((n) => n === undefined || n < field.min || n > field.max)) {
      return `${field.name} "${text}" is out of range (${field.min}–${field.max}${field.names ? ` or ${field.names[0]}…${field.names[field.names.length - 1]}` : ""})`;
    }
    if (numbers.length === 2 && numbers[0]! > numbers[1]!) return `${field.name} "${text}": the range runs backwards`;
  }
  return undefined;
}

/** Why `@every <duration>` is wrong, or undefined: a Go duration of at least a second (robfig runs shorter ones every second). */
function everyProblem(schedule: string, duration: string): string | undefined {
  const nanos = parseGoDurationNanos(duration);
  if (nanos === undefined) return `"${schedule}": "${duration}" is not a duration such as "6h" or "30m"`;
  if (nanos < 1_000_000_000n) return `"${schedule}": the interval must be at least 1s (robfig/cron runs a shorter one every second)`;
  return undefined;
}

/** Why a schedule is not a valid cron schedule for `consumer`, or undefined when it is one. */
export function cronProblem(schedule: string, consumer: CronConsumer): string | undefined {
  const text = schedule.trim();
  if (text.startsWith("@")) {
    const every = EVERY.exec(text);
    if (every) return EVERY_ACCEPTED[consumer] ? everyProblem(schedule, every[1]) : `"${schedule}": @every is not taken here; use five fields or ${DESCRIPTORS.join(", ")}`;
    return DESCRIPTORS.includes(text) ? undefined : `"${schedule}" is not a cron descriptor (${DESCRIPTORS.join(", ")}${EVERY_ACCEPTED[consumer] ? ", @every <duration>" : ""})`;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `"${schedule}" has ${fields.length} fields; expected a five-field cron schedule (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `"${schedule}": ${problem}`;
  }
  return parserProblem(schedule, text);
}

/** What cron-parser finds wrong with five well-formed fields (a date that never comes, a step of 0). */
function parserProblem(schedule: string, text: string): string | undefined {
  // Loaded on first use: the CLI's startup (help, render) does not pay for the parser and its date library.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { CronExpressionParser } = require("cron-parser") as typeof import("cron-parser");
  try {
    CronExpressionParser.parse(text, { strict: false });
    return undefined;
  } catch (e) {
    return `"${schedule}": ${e instanceof Error ? e.message : String(e)}`;
  }
}
