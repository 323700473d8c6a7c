import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

describe("exact_match", () => {
  it("passes when the trimmed output equals expected_output, case-sensitively by default", async () => {
    const result = await score("exact_match", {}, "  Paris\n", { expectedOutput: "Paris" });
    expect(result).toMatchObject({ score: 1, passed: true, threshold: 1, name: "exact_match" });
    expect(result.scorerOutput).toEqual({
      expected: "Paris",
      actual: "  Paris\n",
      case_sensitive: true,
    });
  });

  it("fails on a different case unless case_sensitive is false", async () => {
    const strict = await score("exact_match", { expected: "Paris" }, "paris");
    expect(strict).toMatchObject({ score: 0, passed: false });
    expect(strict.reason).toBe(
      'Output differs from the expected value: expected "Paris", got "paris".',
    );
    const relaxed = await score(
      "exact_match",
      { expected: "Paris", case_sensitive: false },
      "PARIS",
    );
    expect(relaxed).toMatchObject({ score: 1, passed: true });
    expect(relaxed.scorerOutput.case_sensitive).toBe(false);
  });

  it("keeps whitespace when trim is false", async () => {
    const result = await score("exact_match", { expected: "Paris", trim: false }, "Paris ");
    expect(result.score).toBe(0);
  });

  it("prefers config.expected over the scenario's expected_output", async () => {
    const result = await score("exact_match", { expected: "Lyon" }, "Lyon", {
      expectedOutput: "Paris",
    });
    expect(result.score).toBe(1);
  });

  it("compares JSON deeply when an object is expected, whatever the key order", async () => {
    const expected = { city: "Paris", tags: ["capital", "fr"] };
    const result = await score(
      "exact_match",
      { expected },
      '{"tags":["capital","fr"],"city":"Paris"}',
    );
    expect(result).toMatchObject({ score: 1, passed: true });
    const wrong = await score("exact_match", { expected }, { city: "Paris", tags: ["fr"] });
    expect(wrong.score).toBe(0);
    expect(wrong.scorerOutput).toEqual({
      expected,
      actual: { city: "Paris", tags: ["fr"] },
      case_sensitive: true,
    });
  });

  it("compares a non-string expected value as its JSON text", async () => {
    expect((await score("exact_match", { expected: 42 }, " 42 ")).score).toBe(1);
    expect((await score("exact_match", { expected: true }, "yes")).score).toBe(0);
  });

  it("is a config error without any expected value", async () => {
    const result = await score("exact_match", {}, "Paris");
    expect(result).toMatchObject({ error: "invalid_scorer_config", passed: false, score: 0 });
    expect(result.scorerOutput).toEqual({ error: "invalid_scorer_config" });
  });

  it("rejects unknown config fields", async () => {
    const result = await score("exact_match", { expected: "x", ignore_case: true }, "x");
    expect(result.error).toBe("invalid_scorer_config");
    expect(result.reason).toContain("ignore_case");
  });
});
