import { describe, expect, it } from "vitest";
import { score } from "./test-helpers";

describe("javascript scorer", () => {
  it("passes {score, reason} through and sees the output and helpers", async () => {
    const source = `export default function (output, { input, expected_output, latency_ms, transcript }) {
      const ok = output.includes(expected_output) && latency_ms < 500 && transcript.length === 1;
      return { score: ok ? 1 : 0, reason: "input was " + input };
    }`;
    const result = await score("javascript", { source }, "The answer is Paris", {
      input: "capital?",
      expectedOutput: "Paris",
      latencyMs: 250,
      transcript: [{ role: "user", content: "capital?" }],
    });
    expect(result).toMatchObject({ score: 1, passed: true, reason: "input was capital?" });
    expect(result.scorerOutput).toEqual({ returned: { score: 1, reason: "input was capital?" } });
  });

  it("accepts a number or a boolean, and async functions", async () => {
    const half = await score("javascript", { source: "export default async () => 0.5" }, "x", {
      threshold: 0.5,
    });
    expect(half).toMatchObject({ score: 0.5, passed: true, scorerOutput: { returned: 0.5 } });
    const no = await score(
      "javascript",
      { source: "export default (o) => o.length > 10" },
      "short",
    );
    expect(no).toMatchObject({
      score: 0,
      passed: false,
      reason: "The javascript scorer returned false.",
    });
  });

  it("clamps scores into [0, 1]", async () => {
    expect((await score("javascript", { source: "export default () => 7" }, "x")).score).toBe(1);
    expect(
      (await score("javascript", { source: "export default () => ({ score: -2 })" }, "x")).score,
    ).toBe(0);
  });

  it("is a javascript_error when the code throws", async () => {
    const result = await score(
      "javascript",
      { source: 'export default () => { throw new Error("nope") }' },
      "x",
    );
    expect(result).toMatchObject({
      error: "javascript_error",
      passed: false,
      scorerOutput: { error: "javascript_error" },
    });
    expect(result.reason).toBe("The javascript scorer failed (runtime_error): nope");
  });

  it("is a javascript_error when the code loops past the 1 s limit", async () => {
    const startedAt = performance.now();
    const result = await score(
      "javascript",
      { source: "export default () => { for (;;) {} }" },
      "x",
    );
    expect(performance.now() - startedAt).toBeLessThan(3_000);
    expect(result.error).toBe("javascript_error");
    expect(result.reason).toContain("(timeout)");
  });

  it("is a javascript_error on a syntax error or an unusable return value", async () => {
    expect((await score("javascript", { source: "export default (" }, "x")).reason).toContain(
      "(syntax_error)",
    );
    const text = await score("javascript", { source: 'export default () => "great"' }, "x");
    expect(text.error).toBe("javascript_error");
    expect(text.reason).toContain("expected {score, reason}, a number or a boolean");
  });

  it("cannot reach the host", async () => {
    const source =
      "export default () => (typeof process === 'undefined' && typeof fetch === 'undefined' ? 1 : 0)";
    expect((await score("javascript", { source }, "x")).score).toBe(1);
  });
});
