import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SimulationSpec } from "@/db/schema";
import { judgeSettings } from "@/lib/scorers/judge-client";
import { askSimulator, parseSimulatorReply, simulatorMessages } from "./simulator";
import { SIM_USAGE, startTestLlm, type TestLlm } from "./test-llm";

const spec: SimulationSpec = {
  persona: "A busy parent who writes in short sentences.",
  mission: "Get a refund for order 1234.",
  max_turns: 5,
  simulator: { base_url: "http://unused", model: "sim-model", api_key_secret: "SIM_KEY" },
  judge_criteria: ["Refund offered"],
};

describe("parseSimulatorReply", () => {
  it.each([
    [
      '{"message": "Hi, I need a refund", "done": false}',
      { message: "Hi, I need a refund", done: false },
    ],
    ['```json\n{"message": "Thanks!", "done": true}\n```', { message: "Thanks!", done: true }],
    [
      'Sure: {"message": "Where is it?", "done": "false"}',
      { message: "Where is it?", done: false },
    ],
    ['{"message": "", "done": true}', { message: "", done: true }],
    ['{"done": true}', { message: "", done: true }],
    ['{"message": "All sorted, bye <<DONE>>"}', { message: "All sorted, bye", done: true }],
    ["<<DONE>>", { message: "", done: true }],
    ["Thanks, that's all. <<DONE>>", { message: "Thanks, that's all.", done: true }],
    ["Hello? Anyone there?", { message: "Hello? Anyone there?", done: false }],
    [
      "I'm sorry, I can't find my order number",
      { message: "I'm sorry, I can't find my order number", done: false },
    ],
  ])("reads %j", (content, expected) => {
    expect(parseSimulatorReply(content)).toEqual(expected);
  });

  it.each([
    "",
    "   ",
    '{"message": "cut off',
    '{"text_only": 3}',
    '{"message": "hi", "done": "perhaps"}',
    "[1, 2]",
    "I'm sorry, but I can't help with role-playing this user.",
    '{"message": "As an AI language model, I cannot pretend to be a user.", "done": false}',
  ])("rejects %j as malformed or a refusal", (content) => {
    expect(parseSimulatorReply(content)).toBeNull();
  });
});

describe("simulatorMessages", () => {
  it("puts persona and mission in the system prompt and swaps the roles of the conversation", () => {
    const opening = simulatorMessages(spec, []);
    expect(opening[0].role).toBe("system");
    expect(opening[0].content).toContain(spec.persona);
    expect(opening[0].content).toContain(spec.mission);
    expect(opening[0].content).toContain('"done"');
    expect(opening[1]).toMatchObject({ role: "user" });

    const later = simulatorMessages(spec, [
      { role: "user", content: "I want a refund", speaker: "simulator" },
      { role: "assistant", content: "Which order?", speaker: "target" },
    ]);
    expect(later.slice(1)).toEqual([
      { role: "assistant", content: "I want a refund" },
      { role: "user", content: "Which order?" },
    ]);
  });
});

describe("askSimulator", () => {
  let llm: TestLlm;
  const defaults = { ...judgeSettings };
  beforeAll(async () => {
    llm = await startTestLlm();
  });
  afterAll(() => llm.close());
  beforeEach(() => {
    llm.calls.length = 0;
    llm.handle(null);
    Object.assign(judgeSettings, { timeoutMs: 300, backoffMs: 5 });
  });
  afterEach(() => Object.assign(judgeSettings, defaults));

  const ask = () =>
    askSimulator({
      spec,
      transcript: [
        { role: "user", content: "hi", speaker: "simulator" },
        { role: "assistant", content: "hello", speaker: "target" },
      ],
      baseUrl: llm.baseUrl,
      model: "sim-model",
      apiKey: "sk-sim",
      signal: new AbortController().signal,
    });

  it("sends an OpenAI-compatible JSON-mode request with the key and reads the turn and usage", async () => {
    const outcome = await ask();
    expect(outcome).toMatchObject({ ok: true, value: { message: "user turn 2", done: false } });
    expect(outcome.usage).toEqual({ promptTokens: 100, completionTokens: 10 });
    expect(llm.calls[0]).toMatchObject({ role: "simulator", model: "sim-model" });
    expect(llm.calls[0].headers.authorization).toBe("Bearer sk-sim");
    expect(llm.calls[0].body.response_format).toEqual({ type: "json_object" });
  });

  it("retries a malformed reply once, then uses the next good one", async () => {
    llm.handle((_r, i) =>
      i === 0 ? { content: '{"message": "trunc', usage: SIM_USAGE } : undefined,
    );
    const outcome = await ask();
    expect(outcome).toMatchObject({ ok: true, value: { message: "user turn 2" } });
    expect(llm.calls).toHaveLength(2);
    expect(outcome.usage).toEqual({ promptTokens: 200, completionTokens: 20 });
  });

  it("gives up after one retry on refusals, as an invalid reply", async () => {
    llm.handle(() => ({ content: null, refusal: "I can't help with that." }));
    const outcome = await ask();
    expect(outcome).toMatchObject({ ok: false, kind: "invalid" });
    expect(llm.calls).toHaveLength(2);
  });

  it("waits out a 429's Retry-After, and reports a provider that keeps timing out as unavailable", async () => {
    llm.handle((_r, i) =>
      i === 0 ? { status: 429, headers: { "retry-after": "0.2" } } : undefined,
    );
    const started = Date.now();
    expect(await ask()).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);

    llm.calls.length = 0;
    llm.handle(() => ({ hang: true }));
    const outcome = await ask();
    expect(outcome).toMatchObject({ ok: false, kind: "unavailable" });
    if (!outcome.ok) expect(outcome.detail).toContain("no reply within 300 ms");
    expect(llm.calls).toHaveLength(judgeSettings.maxRetries + 1);
  });
});
