import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

const output = JSON.stringify({
  answer: { city: "Paris", tags: ["capital", "france"] },
  text: "Paris is lovely",
});

describe("json_path", () => {
  it("equals: passes on a deep-equal value", async () => {
    const result = await score("json_path", { path: "$.answer.city", equals: "Paris" }, output);
    expect(result).toMatchObject({
      score: 1,
      passed: true,
      reason: '$.answer.city equals "Paris".',
    });
    expect(result.scorerOutput).toEqual({
      path: "$.answer.city",
      expected: "Paris",
      actual: "Paris",
      found: true,
    });
  });

  it("equals: fails on a different value", async () => {
    const result = await score("json_path", { path: "$.answer.tags", equals: ["capital"] }, output);
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.scorerOutput).toEqual({
      path: "$.answer.tags",
      expected: ["capital"],
      actual: ["capital", "france"],
      found: true,
    });
  });

  it("contains: substring, array element or object subset", async () => {
    expect((await score("json_path", { path: "$.text", contains: "lovely" }, output)).score).toBe(
      1,
    );
    expect(
      (await score("json_path", { path: "$.answer.tags", contains: "france" }, output)).score,
    ).toBe(1);
    expect(
      (await score("json_path", { path: "$.answer", contains: { city: "Paris" } }, output)).score,
    ).toBe(1);
    expect(
      (await score("json_path", { path: "$.answer", contains: { city: "Lyon" } }, output)).score,
    ).toBe(0);
    expect((await score("json_path", { path: "$.text", contains: "rainy" }, output)).score).toBe(0);
  });

  it("fails when the path is missing or the output is not JSON", async () => {
    const missing = await score("json_path", { path: "$.answer.country", equals: "FR" }, output);
    expect(missing).toMatchObject({ score: 0, reason: "$.answer.country is not in the output." });
    expect(missing.scorerOutput).toEqual({
      path: "$.answer.country",
      expected: "FR",
      actual: null,
      found: false,
    });
    const notJson = await score("json_path", { path: "$.a", equals: 1 }, "not json");
    expect(notJson).toMatchObject({ score: 0, reason: "Output is not valid JSON." });
    expect(notJson.error).toBeUndefined();
  });

  it("reads a structured output directly", async () => {
    expect((await score("json_path", { path: "$[0].id", equals: 7 }, [{ id: 7 }])).score).toBe(1);
  });

  it("can expect null", async () => {
    expect((await score("json_path", { path: "$.a", equals: null }, { a: null })).score).toBe(1);
  });

  it("needs exactly one of equals and contains, and a valid path", async () => {
    const neither = await score("json_path", { path: "$.a" }, "{}");
    expect(neither.error).toBe("invalid_scorer_config");
    expect(neither.reason).toContain("exactly one of equals or contains");
    expect((await score("json_path", { path: "$.a", equals: 1, contains: 1 }, "{}")).error).toBe(
      "invalid_scorer_config",
    );
    const badPath = await score("json_path", { path: "a.b", equals: 1 }, "{}");
    expect(badPath.error).toBe("invalid_scorer_config");
    expect(badPath.reason).toContain("config.path");
  });
});
