import { afterEach, describe, expect, it } from "vitest";
import { runScorer, scorers, scorerTypes, validateScorerConfig } from "./index";
import type { Scorer } from "./types";
import { scorerContext } from "./test-helpers";

const ctx = scorerContext({ output: "Paris" });

describe("scorer registry", () => {
  it("has one scorer per documented type, keyed by its own type", () => {
    expect([...scorerTypes].sort()).toEqual([
      "contains",
      "exact_match",
      "javascript",
      "json_path",
      "json_schema",
      "latency",
      "llm_judge",
      "regex",
      "similarity",
      "tool_call",
    ]);
    for (const type of scorerTypes) expect(scorers[type].type).toBe(type);
  });
});

describe("runScorer", () => {
  afterEach(() => {
    delete scorers.test_throws;
    delete scorers.test_fixed;
  });

  it("names the result after the type by default, or the given name", async () => {
    const base = await runScorer({ type: "exact_match", config: { expected: "Paris" } }, ctx);
    expect(base).toMatchObject({ name: "exact_match", threshold: 1, passed: true, score: 1 });
    expect(base.durationMs).toBeGreaterThanOrEqual(0);
    const named = await runScorer(
      { type: "exact_match", name: "city", config: { expected: "Paris" } },
      ctx,
    );
    expect(named.name).toBe("city");
  });

  it("passes only when the score reaches the threshold", async () => {
    const spec = { type: "similarity", config: { expected: "Pari" } };
    expect(await runScorer({ ...spec, threshold: 0.8 }, ctx)).toMatchObject({
      score: 0.8,
      passed: true,
    });
    expect(await runScorer({ ...spec, threshold: 0.81 }, ctx)).toMatchObject({
      score: 0.8,
      passed: false,
    });
  });

  it("reports an unknown type as unknown_scorer", async () => {
    const result = await runScorer({ type: "vibes", config: {} }, ctx);
    expect(result).toMatchObject({
      error: "unknown_scorer",
      passed: false,
      score: 0,
      scorerOutput: { error: "unknown_scorer" },
    });
    expect((await runScorer({ type: "toString", config: {} }, ctx)).error).toBe("unknown_scorer");
  });

  it("reports a config that fails the schema as invalid_scorer_config, naming the field", async () => {
    const result = await runScorer({ type: "contains", config: { values: "refund" } }, ctx);
    expect(result).toMatchObject({ error: "invalid_scorer_config", passed: false });
    expect(result.scorerOutput).toEqual({ error: "invalid_scorer_config" });
    expect(result.reason).toContain("config.values");
  });

  it("turns an exception into scorer_exception and clamps scores", async () => {
    const throwing: Scorer<unknown> = {
      type: "test_throws",
      configSchema: scorers.latency.configSchema,
      score: async () => {
        throw new Error("kaput");
      },
    };
    scorers.test_throws = throwing;
    const failed = await runScorer({ type: "test_throws", config: { max_ms: 1 } }, ctx);
    expect(failed).toMatchObject({
      error: "scorer_exception",
      passed: false,
      scorerOutput: { error: "scorer_exception" },
    });
    expect(failed.reason).toBe("The test_throws scorer failed: kaput");

    scorers.test_fixed = {
      ...throwing,
      type: "test_fixed",
      score: async () => ({ score: Number.NaN, reason: "", scorerOutput: {} }),
    };
    expect((await runScorer({ type: "test_fixed", config: { max_ms: 1 } }, ctx)).score).toBe(0);
  });

  it("never passes a verdict with an error, even at threshold 0", async () => {
    const result = await runScorer({ type: "regex", threshold: 0, config: { pattern: "(" } }, ctx);
    expect(result).toMatchObject({ error: "invalid_regex", passed: false });
  });

  it("redacts project secrets from reasons and scorer outputs", async () => {
    const secret = "sk-live-abcdef123456";
    const leaky = scorerContext({ output: `key is ${secret}`, secrets: { KEY: secret } });
    const result = await runScorer({ type: "exact_match", config: { expected: "nothing" } }, leaky);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(result.scorerOutput.actual).toBe("key is [redacted]");
  });
});

describe("validateScorerConfig", () => {
  it("accepts a valid config", () => {
    expect(validateScorerConfig({ type: "contains", config: { values: ["a"] } })).toEqual([]);
    expect(
      validateScorerConfig({
        type: "regex",
        threshold: 0.5,
        config: { pattern: "\\d+", flags: "i" },
      }),
    ).toEqual([]);
  });

  it("names each bad field", () => {
    expect(validateScorerConfig({ type: "nope", config: {} })).toEqual([
      { field: "type", message: expect.stringContaining("unknown scorer type") },
    ]);
    expect(
      validateScorerConfig({ type: "contains", threshold: 2, config: { values: [], extra: 1 } }),
    ).toEqual([
      { field: "threshold", message: "threshold must be between 0 and 1" },
      { field: "config.values", message: expect.any(String) },
      { field: "config", message: 'Unrecognized key: "extra"' },
    ]);
    expect(
      validateScorerConfig({
        type: "llm_judge",
        config: { criteria: ["x"], provider: { base_url: "nope", model: "m" } },
      }),
    ).toEqual([
      { field: "config.provider.base_url", message: expect.any(String) },
      { field: "config.provider.api_key_secret", message: expect.any(String) },
    ]);
  });

  it("compiles regexes and schemas so bad ones are rejected at write time", () => {
    expect(validateScorerConfig({ type: "regex", config: { pattern: "(a" } })).toEqual([
      { field: "config.pattern", message: expect.stringContaining("missing closing )") },
    ]);
    expect(
      validateScorerConfig({ type: "json_schema", config: { schema: { type: "wat" } } }),
    ).toEqual([{ field: "config.schema", message: expect.any(String) }]);
    expect(
      validateScorerConfig({ type: "json_path", config: { path: "$..x", equals: 1 } }),
    ).toEqual([{ field: "config.path", message: "recursive descent (..) is not supported" }]);
  });
});
