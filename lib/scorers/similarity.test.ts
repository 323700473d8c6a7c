import { describe, expect, it } from "vitest";
import { levenshteinSimilarity, tokenF1 } from "./similarity";
import { score } from "./test-helpers";

describe("levenshteinSimilarity", () => {
  it("is 1 − distance / longer length", () => {
    expect(levenshteinSimilarity("kitten", "sitting")).toBeCloseTo(1 - 3 / 7);
    expect(levenshteinSimilarity("", "")).toBe(1);
    expect(levenshteinSimilarity("abc", "")).toBe(0);
    expect(levenshteinSimilarity("same", "same")).toBe(1);
  });

  it("counts an emoji as one character", () => {
    expect(levenshteinSimilarity("a😀", "a😃")).toBe(0.5);
  });
});

describe("tokenF1", () => {
  it("scores the overlap of lowercase word tokens", () => {
    // tokens: [the, cat, sat] vs [the, cat, ran, away]: overlap 2, P = 2/3, R = 2/4
    expect(tokenF1("The cat sat.", "the cat ran away")).toBeCloseTo(
      (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5),
    );
    expect(tokenF1("", "")).toBe(1);
    expect(tokenF1("words", "")).toBe(0);
    expect(tokenF1("a a b", "a b b")).toBeCloseTo(2 / 3);
  });
});

describe("similarity scorer", () => {
  it("levenshtein by default, against expected_output", async () => {
    const result = await score("similarity", {}, "kitten", {
      expectedOutput: "sitting",
      threshold: 0.5,
    });
    expect(result).toMatchObject({ score: 0.5714, passed: true });
    expect(result.scorerOutput).toEqual({
      method: "levenshtein",
      value: 0.5714,
      expected: "sitting",
    });
    expect(result.reason).toBe("Edit-distance similarity to the expected text is 0.57.");
  });

  it("fails below the default threshold of 1 unless identical", async () => {
    expect(await score("similarity", { expected: "Paris" }, "Paris")).toMatchObject({
      score: 1,
      passed: true,
    });
    expect(await score("similarity", { expected: "Paris" }, "Pari")).toMatchObject({
      score: 0.8,
      passed: false,
    });
  });

  it("token_f1", async () => {
    const result = await score(
      "similarity",
      { expected: "the cat ran away", method: "token_f1" },
      "The cat sat.",
    );
    expect(result.scorerOutput).toEqual({
      method: "token_f1",
      value: 0.5714,
      expected: "the cat ran away",
    });
  });

  it("caps long inputs and says so", async () => {
    const long = "x".repeat(12_000);
    const startedAt = performance.now();
    const result = await score("similarity", { expected: long }, long + "y");
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(result.score).toBe(1);
    expect(result.reason).toContain("compared the first 10,000 characters only");
  });

  it("is a config error without an expected value, or with an unknown method", async () => {
    expect((await score("similarity", {}, "x")).error).toBe("invalid_scorer_config");
    expect((await score("similarity", { expected: "x", method: "cosine" }, "x")).error).toBe(
      "invalid_scorer_config",
    );
  });
});
