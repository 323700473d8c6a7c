import { describe, expect, it } from "vitest";
import { cronMatches, wallClock } from "./cron";

const at = (iso: string) => new Date(iso);

describe("cronMatches", () => {
  it("matches minutes, hours, ranges, lists and steps in UTC", () => {
    expect(cronMatches("* * * * *", at("2026-03-04T10:17:00Z"), "UTC")).toBe(true);
    expect(cronMatches("17 10 * * *", at("2026-03-04T10:17:00Z"), "UTC")).toBe(true);
    expect(cronMatches("17 10 * * *", at("2026-03-04T10:18:00Z"), "UTC")).toBe(false);
    expect(cronMatches("*/15 9-17 * * *", at("2026-03-04T09:45:00Z"), "UTC")).toBe(true);
    expect(cronMatches("*/15 9-17 * * *", at("2026-03-04T09:50:00Z"), "UTC")).toBe(false);
    expect(cronMatches("*/15 9-17 * * *", at("2026-03-04T18:00:00Z"), "UTC")).toBe(false);
    expect(cronMatches("5/20 * * * *", at("2026-03-04T09:45:00Z"), "UTC")).toBe(true);
    expect(cronMatches("5/20 * * * *", at("2026-03-04T09:40:00Z"), "UTC")).toBe(false);
    expect(cronMatches("0,30 8 1 1,7 *", at("2026-07-01T08:30:00Z"), "UTC")).toBe(true);
    expect(cronMatches("0,30 8 1 1,7 *", at("2026-06-01T08:30:00Z"), "UTC")).toBe(false);
  });

  it("reads the clock of the suite's time zone, across daylight saving time", () => {
    // 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer.
    expect(cronMatches("0 9 * * *", at("2026-01-15T08:00:00Z"), "Europe/Paris")).toBe(true);
    expect(cronMatches("0 9 * * *", at("2026-07-15T07:00:00Z"), "Europe/Paris")).toBe(true);
    expect(cronMatches("0 9 * * *", at("2026-07-15T08:00:00Z"), "Europe/Paris")).toBe(false);
    // Half-hour zones and the date line: Monday 00:30 in Kolkata is Sunday 19:00 UTC.
    expect(cronMatches("30 0 * * 1", at("2026-03-01T19:00:00Z"), "Asia/Kolkata")).toBe(true);
    expect(cronMatches("30 0 * * 1", at("2026-03-01T19:00:00Z"), "UTC")).toBe(false);
    // 02:30 does not exist in Paris on 2026-03-29 (clocks jump 02:00 → 03:00).
    const spring = Array.from(
      { length: 24 * 60 },
      (_, m) => new Date(Date.parse("2026-03-28T22:00:00Z") + m * 60_000),
    );
    expect(spring.filter((d) => cronMatches("30 2 * * *", d, "Europe/Paris"))).toEqual([]);
    expect(wallClock(at("2026-03-29T01:30:00Z"), "Europe/Paris")).toMatchObject({
      hour: 3,
      minute: 30,
    });
  });

  it("treats 0 and 7 as Sunday and ORs day-of-month with weekday when both are set", () => {
    const sunday = at("2026-03-01T12:00:00Z"); // a Sunday, the 1st
    expect(cronMatches("0 12 * * 0", sunday, "UTC")).toBe(true);
    expect(cronMatches("0 12 * * 7", sunday, "UTC")).toBe(true);
    expect(cronMatches("0 12 * * 1-5", sunday, "UTC")).toBe(false);
    const wednesday15 = at("2026-04-15T12:00:00Z");
    expect(cronMatches("0 12 15 * 1", wednesday15, "UTC")).toBe(true); // the 15th, though not a Monday
    expect(cronMatches("0 12 1 * 3", wednesday15, "UTC")).toBe(true); // a Wednesday, though not the 1st
    expect(cronMatches("0 12 1 * 1", wednesday15, "UTC")).toBe(false);
    expect(cronMatches("0 12 */2 * *", wednesday15, "UTC")).toBe(true); // */2 is a star: weekday * applies
  });

  it("rejects expressions the suite API would reject", () => {
    expect(() => cronMatches("61 * * * *", new Date(), "UTC")).toThrow(/invalid cron/);
    expect(() => cronMatches("* * *", new Date(), "UTC")).toThrow(/invalid cron/);
  });
});
