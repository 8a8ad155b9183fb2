import type { DisruptionBudgetSpec, MaintenanceWindowSpec } from "./spec";

/**
 * A maintenance window as Karpenter's disruption budgets say it. A budget with a schedule is active for its
 * duration from each time the schedule fires, and Karpenter keeps to the smallest active budget; so "only
 * inside the window" is a budget of 0 nodes over the rest of the week (or day): from the window's end until
 * its next start. Schedules are UTC, as Karpenter reads them.
 */

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const MINUTES_PER_DAY = 24 * 60;

/** Minutes of "4h", "90m", "1h30m". */
export function windowMinutes(duration: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?$/.exec(duration);
  if (!match) throw new Error(`not a window duration: ${duration}`);
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** Minutes as Karpenter's budget durations write them ("164h", "22h30m"). */
export function formatWindowMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}` || "0m";
}

/** How long the window's cycle is: a day or a week, in minutes. */
export function windowPeriodMinutes(window: Pick<MaintenanceWindowSpec, "day">): number {
  return window.day === "daily" ? MINUTES_PER_DAY : 7 * MINUTES_PER_DAY;
}

function startMinutes(window: MaintenanceWindowSpec): number {
  const [h, m] = window.start.split(":").map(Number);
  return (window.day === "daily" ? 0 : DAYS.indexOf(window.day) * MINUTES_PER_DAY) + h * 60 + m;
}

function cron(minuteOfPeriod: number, daily: boolean): string {
  const day = Math.floor(minuteOfPeriod / MINUTES_PER_DAY);
  const minute = minuteOfPeriod % MINUTES_PER_DAY;
  return `${minute % 60} ${Math.floor(minute / 60)} * * ${daily ? "*" : day}`;
}

/** The window itself as a schedule and duration (what `strata check` and docs/cluster.md show). */
export function windowSchedule(window: MaintenanceWindowSpec): { schedule: string; duration: string } {
  return { schedule: cron(startMinutes(window), window.day === "daily"), duration: window.duration };
}

/** The budget that stops voluntary disruption outside the window: 0 nodes from its end to its next start. */
export function outsideWindowBudget(window: MaintenanceWindowSpec): DisruptionBudgetSpec {
  const period = windowPeriodMinutes(window);
  const end = (startMinutes(window) + windowMinutes(window.duration)) % period;
  return { nodes: "0", schedule: cron(end, window.day === "daily"), duration: formatWindowMinutes(period - windowMinutes(window.duration)) };
}
