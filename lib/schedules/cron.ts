import { cronError } from "@/lib/suites/cron";

/** The fields of a 5-field cron expression, each as the set of values it matches. */
type Parsed = {
  minute: Set<number>;
  hour: Set<number>;
  day: Set<number>;
  month: Set<number>;
  weekday: Set<number>;
  /** Vixie cron: when both day fields are restricted, a time matching either one matches. */
  dayRestricted: boolean;
  weekdayRestricted: boolean;
};

const RANGES = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
] as const;

const cache = new Map<string, Parsed>();

/** Parse a cron expression already accepted by lib/suites/cron.ts; throws on an invalid one. */
export function parseCron(expression: string): Parsed {
  const cached = cache.get(expression);
  if (cached) return cached;
  const problem = cronError(expression);
  if (problem) throw new Error(`invalid cron "${expression}": ${problem}`);
  const fields = expression.trim().split(/\s+/);
  const sets = fields.map((field, i) => expand(field, RANGES[i][0], RANGES[i][1]));
  if (sets[4].has(7)) sets[4].add(0); // 7 is Sunday too
  const parsed: Parsed = {
    minute: sets[0],
    hour: sets[1],
    day: sets[2],
    month: sets[3],
    weekday: sets[4],
    dayRestricted: !fields[2].startsWith("*"),
    weekdayRestricted: !fields[4].startsWith("*"),
  };
  if (cache.size > 1000) cache.clear();
  cache.set(expression, parsed);
  return parsed;
}

function expand(field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(",")) {
    const [range, stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let lo = min;
    let hi = max;
    if (range !== "*") {
      const [from, to] = range.split("-");
      lo = Number(from);
      // "5/15" means from 5 to the end of the range, every 15
      hi = to !== undefined ? Number(to) : stepText !== undefined ? max : lo;
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock minute, hour, day, month and weekday of `date` in `timeZone`. */
export function wallClock(date: Date, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      minute: "numeric",
      hour: "numeric",
      day: "numeric",
      month: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    minute: Number(parts.minute),
    hour: Number(parts.hour),
    day: Number(parts.day),
    month: Number(parts.month),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/**
 * True when `expression` fires at the minute of `date` as a clock in `timeZone` shows it. Across a
 * daylight-saving change a local time that does not exist never fires, and one that happens twice
 * fires twice, as with cron itself on such a machine.
 */
export function cronMatches(expression: string, date: Date, timeZone: string): boolean {
  const cron = parseCron(expression);
  const t = wallClock(date, timeZone);
  if (!cron.minute.has(t.minute) || !cron.hour.has(t.hour) || !cron.month.has(t.month))
    return false;
  const dayOk = cron.day.has(t.day);
  const weekdayOk = cron.weekday.has(t.weekday);
  if (cron.dayRestricted && cron.weekdayRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}
