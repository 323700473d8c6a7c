import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

describe("latency", () => {
  it("passes at or under max_ms", async () => {
    const result = await score("latency", { max_ms: 1000 }, "x", { latencyMs: 1000 });
    expect(result).toMatchObject({
      score: 1,
      passed: true,
      reason: "Answered in 1000 ms, within the 1000 ms limit.",
    });
    expect(result.scorerOutput).toEqual({ max_ms: 1000, latency_ms: 1000 });
  });

  it("fails over max_ms", async () => {
    const result = await score("latency", { max_ms: 500 }, "x", { latencyMs: 812 });
    expect(result).toMatchObject({
      score: 0,
      passed: false,
      reason: "Took 812 ms, over the 500 ms limit.",
    });
    expect(result.scorerOutput).toEqual({ max_ms: 500, latency_ms: 812 });
  });

  it("requires a positive max_ms", async () => {
    expect((await score("latency", {}, "x")).error).toBe("invalid_scorer_config");
    expect((await score("latency", { max_ms: -1 }, "x")).error).toBe("invalid_scorer_config");
  });
});
