import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

const output = "We will issue a REFUND within 5 days.";

describe("contains", () => {
  it("mode all: passes when every value is found, ignoring case by default", async () => {
    const result = await score("contains", { values: ["refund", "5 days"] }, output);
    expect(result).toMatchObject({ score: 1, passed: true, reason: "All 2 values found." });
    expect(result.scorerOutput).toEqual({
      mode: "all",
      matches: [
        { value: "refund", found: true },
        { value: "5 days", found: true },
      ],
      found_count: 2,
      total: 2,
    });
  });

  it("mode all: scores the fraction found and names what is missing", async () => {
    const result = await score("contains", { values: ["refund", "apology", "voucher"] }, output);
    expect(result.score).toBeCloseTo(1 / 3);
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('1 of 3 values found; missing: "apology", "voucher".');
  });

  it("mode all passes below 1 when the threshold allows it", async () => {
    const result = await score("contains", { values: ["refund", "apology"] }, output, {
      threshold: 0.5,
    });
    expect(result).toMatchObject({ score: 0.5, passed: true, threshold: 0.5 });
  });

  it("case_sensitive: true misses a different case", async () => {
    const result = await score("contains", { values: ["refund"], case_sensitive: true }, output);
    expect(result.score).toBe(0);
    expect(result.scorerOutput.matches).toEqual([{ value: "refund", found: false }]);
  });

  it("mode any: passes when at least one is found", async () => {
    const hit = await score("contains", { values: ["voucher", "refund"], mode: "any" }, output);
    expect(hit).toMatchObject({ score: 1, passed: true, reason: '1 of 2 values found: "refund".' });
    const miss = await score("contains", { values: ["voucher"], mode: "any" }, output);
    expect(miss).toMatchObject({ score: 0, passed: false, reason: "None of the 1 value found." });
  });

  it("mode none: fails when a forbidden value appears", async () => {
    const clean = await score("contains", { values: ["lawsuit"], mode: "none" }, output);
    expect(clean).toMatchObject({ score: 1, passed: true });
    const dirty = await score("contains", { values: ["lawsuit", "refund"], mode: "none" }, output);
    expect(dirty).toMatchObject({
      score: 0,
      passed: false,
      reason: 'Found 1 forbidden value: "refund".',
    });
    expect(dirty.scorerOutput).toMatchObject({ mode: "none", found_count: 1, total: 2 });
  });

  it("rejects an empty values list or an unknown mode", async () => {
    expect((await score("contains", { values: [] }, output)).error).toBe("invalid_scorer_config");
    expect((await score("contains", { values: ["a"], mode: "most" }, output)).error).toBe(
      "invalid_scorer_config",
    );
  });
});
