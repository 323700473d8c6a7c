import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

describe("regex", () => {
  it("passes on a match and reports the first match's groups", async () => {
    const result = await score(
      "regex",
      { pattern: "order #(\\d+)(?: for (\\w+))?" },
      "Your order #4521 is ready",
    );
    expect(result).toMatchObject({ score: 1, passed: true });
    expect(result.scorerOutput).toEqual({
      pattern: "order #(\\d+)(?: for (\\w+))?",
      flags: "",
      should_match: true,
      matched: true,
      match_groups: ["4521", null],
      named_groups: {},
    });
  });

  it("reports named groups", async () => {
    const result = await score(
      "regex",
      { pattern: "(?P<year>\\d{4})-(?<month>\\d{2})" },
      "due 2025-07-01",
    );
    expect(result.scorerOutput.match_groups).toEqual(["2025", "07"]);
    expect(result.scorerOutput.named_groups).toEqual({ year: "2025", month: "07" });
  });

  it("fails without a match", async () => {
    const result = await score("regex", { pattern: "^\\d+$" }, "twelve");
    expect(result).toMatchObject({
      score: 0,
      passed: false,
      reason: "Output does not match /^\\d+$/.",
    });
    expect(result.scorerOutput).toMatchObject({ matched: false, match_groups: [] });
  });

  it("should_match false passes only when nothing matches", async () => {
    const pass = await score(
      "regex",
      { pattern: "\\bpassword\\b", should_match: false },
      "all good",
    );
    expect(pass).toMatchObject({ score: 1, passed: true });
    const fail = await score(
      "regex",
      { pattern: "\\bpassword\\b", should_match: false },
      "the password is x",
    );
    expect(fail).toMatchObject({ score: 0, passed: false });
    expect(fail.reason).toContain("but it should not");
  });

  it("supports the i, m and s flags", async () => {
    expect((await score("regex", { pattern: "paris", flags: "i" }, "PARIS")).score).toBe(1);
    expect((await score("regex", { pattern: "paris" }, "PARIS")).score).toBe(0);
    expect((await score("regex", { pattern: "^b$", flags: "m" }, "a\nb\nc")).score).toBe(1);
    expect((await score("regex", { pattern: "^b$" }, "a\nb\nc")).score).toBe(0);
    expect((await score("regex", { pattern: "a.c", flags: "s" }, "a\nc")).score).toBe(1);
    expect((await score("regex", { pattern: "a.c" }, "a\nc")).score).toBe(0);
  });

  it("rejects other flags as a config error", async () => {
    const result = await score("regex", { pattern: "a", flags: "gi" }, "a");
    expect(result.error).toBe("invalid_scorer_config");
    expect(result.reason).toContain("flags may only contain i, m and s");
  });

  it("reports an invalid pattern as invalid_regex", async () => {
    const result = await score("regex", { pattern: "(unclosed" }, "x");
    expect(result).toMatchObject({
      error: "invalid_regex",
      passed: false,
      scorerOutput: { error: "invalid_regex" },
    });
    expect(result.reason).toContain("missing closing )");
  });

  it("rejects lookaheads (not linear-time) as invalid_regex", async () => {
    expect((await score("regex", { pattern: "a(?=b)" }, "ab")).error).toBe("invalid_regex");
  });

  it("runs a catastrophic-backtracking pattern on 100 KB in linear time", async () => {
    const output = "a".repeat(100_000) + "b";
    const startedAt = performance.now();
    const result = await score("regex", { pattern: "(a+)+$" }, output);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(result).toMatchObject({ score: 0, scorerOutput: { matched: false } });
  });
});
