/**
 * Cron schedules as Velero (robfig/cron) and Kubernetes CronJobs take them: five fields (minute, hour, day
 * of month, month, day of week) or a descriptor (`@daily`, `@every 6h`). A schedule that would never parse
 * in the cluster is refused at config time, with the field that is wrong.
 */

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
const EVERY = /^@every ((\d+(\.\d+)?)(ms|s|m|h))+$/;

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

/** Why a schedule is not a valid cron schedule, or undefined when it is one. */
export function cronProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (text.startsWith("@")) {
    return DESCRIPTORS.includes(text) || EVERY.test(text) ? undefined : `"${schedule}" is not a cron descriptor (${DESCRIPTORS.join(", ")}, @every <duration>)`;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `"${schedule}" has ${fields.length} fields; a cron schedule has 5 (minute hour day-of-month month day-of-week)`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `"${schedule}": ${problem}`;
  }
  return undefined;
}
