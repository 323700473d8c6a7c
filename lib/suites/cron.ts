/** Field ranges of a standard 5-field cron expression: minute hour day-of-month month day-of-week. */
const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 }, // 0 and 7 are both Sunday
] as const;

const NUMBER = /^\d{1,2}$/;

/** Why `expression` is not a valid 5-field cron (numbers, ranges, steps, lists, `*`), or null. */
export function cronError(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5)
    return `expected 5 fields (minute hour day month weekday), got ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const { name, min, max } = FIELDS[i];
    for (const item of parts[i].split(",")) {
      const problem = itemError(item, min, max);
      if (problem) return `${name} "${parts[i]}": ${problem}`;
    }
  }
  return null;
}

function itemError(item: string, min: number, max: number): string | null {
  const [range, step, ...rest] = item.split("/");
  if (rest.length > 0) return "more than one step";
  if (step !== undefined && (!NUMBER.test(step) || Number(step) < 1))
    return `step "${step}" must be a positive number`;
  if (range === "*") return null;
  const [from, to, ...more] = range.split("-");
  if (more.length > 0 || !NUMBER.test(from) || (to !== undefined && !NUMBER.test(to)))
    return `"${item}" is not a number, range or *`;
  const lo = Number(from);
  const hi = to === undefined ? lo : Number(to);
  if (lo < min || hi > max) return `values must be within ${min}-${max}`;
  if (lo > hi) return `range ${lo}-${hi} is backwards`;
  return null;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
