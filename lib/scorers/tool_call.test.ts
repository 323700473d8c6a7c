import { describe, expect, it } from "vitest";
import { extractToolCalls } from "./tool_call";
import { score } from "./test-helpers";

const message = {
  role: "assistant",
  content: null,
  tool_calls: [
    {
      id: "1",
      type: "function",
      function: { name: "lookup_order", arguments: '{"order_id":"A-17","verbose":false}' },
    },
    { id: "2", type: "function", function: { name: "send_email", arguments: '{"to":"a@b.c"}' } },
  ],
};

describe("extractToolCalls", () => {
  it("reads an assistant message, a chat completion response, and JSON text of either", () => {
    const calls = [
      { name: "lookup_order", arguments: { order_id: "A-17", verbose: false } },
      { name: "send_email", arguments: { to: "a@b.c" } },
    ];
    expect(extractToolCalls(message)).toEqual(calls);
    expect(extractToolCalls({ choices: [{ message }] })).toEqual(calls);
    expect(extractToolCalls(JSON.stringify({ choices: [{ message }] }))).toEqual(calls);
  });

  it("keeps unparsable arguments as text and ignores non-tool output", () => {
    const broken = { tool_calls: [{ function: { name: "f", arguments: "{oops" } }] };
    expect(extractToolCalls(broken)).toEqual([{ name: "f", arguments: "{oops" }]);
    expect(extractToolCalls("plain answer")).toEqual([]);
  });
});

describe("tool_call scorer", () => {
  it("passes when the tool is called with matching arguments (partial match)", async () => {
    const result = await score(
      "tool_call",
      { name: "lookup_order", arguments: { order_id: "A-17" } },
      message,
    );
    expect(result).toMatchObject({
      score: 1,
      passed: true,
      reason: "lookup_order was called with the expected arguments.",
    });
    expect(result.scorerOutput).toEqual({
      expected: { name: "lookup_order", arguments: { order_id: "A-17" } },
      actual: [
        { name: "lookup_order", arguments: { order_id: "A-17", verbose: false } },
        { name: "send_email", arguments: { to: "a@b.c" } },
      ],
      checks: [
        { check: "name", passed: true, detail: "lookup_order was called" },
        { check: "arguments.order_id", passed: true, detail: 'order_id is "A-17"' },
      ],
    });
  });

  it("scores the share of passed checks when an argument differs or is missing", async () => {
    const config = { name: "lookup_order", arguments: { order_id: "B-2", locale: "fr" } };
    const result = await score("tool_call", config, message);
    expect(result.score).toBeCloseTo(1 / 3);
    expect(result.passed).toBe(false);
    expect(result.scorerOutput.checks).toEqual([
      { check: "name", passed: true, detail: "lookup_order was called" },
      { check: "arguments.order_id", passed: false, detail: 'order_id is "A-17", expected "B-2"' },
      { check: "arguments.locale", passed: false, detail: "argument locale is missing" },
    ]);
  });

  it("fails every check when the tool was not called", async () => {
    const result = await score("tool_call", { name: "refund", arguments: { amount: 5 } }, message);
    expect(result.score).toBe(0);
    expect(result.reason).toBe(
      "0 of 2 checks passed: refund was not called (calls: lookup_order, send_email); the tool was not called.",
    );
  });

  it("uses the context's tool calls when the target reported them", async () => {
    const toolCalls = [{ name: "search", arguments: { q: "weather" } }];
    const result = await score(
      "tool_call",
      { name: "search", arguments: { q: "weather" } },
      "It is sunny",
      { toolCalls },
    );
    expect(result).toMatchObject({ score: 1, scorerOutput: { actual: toolCalls } });
  });

  it("judges the best of several calls to the same tool", async () => {
    const toolCalls = [
      { name: "search", arguments: { q: "news" } },
      { name: "search", arguments: { q: "weather" } },
    ];
    const result = await score("tool_call", { name: "search", arguments: { q: "weather" } }, "", {
      toolCalls,
    });
    expect(result.score).toBe(1);
  });

  it("requires a name", async () => {
    expect((await score("tool_call", { arguments: {} }, message)).error).toBe(
      "invalid_scorer_config",
    );
  });
});
