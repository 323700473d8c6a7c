import { describe, expect, it } from "vitest";
import { callTarget } from "./index";
import { failure, makeCall, makeTarget, sendJson, useServers } from "./test-server";

const agent = useServers();

/** A local OpenAI-compatible provider answering every completion the same way. */
function provider(reply: Record<string, unknown>) {
  return agent((req, res) => {
    if (req.url !== "/v1/chat/completions") return sendJson(res, 404, { error: "not found" });
    sendJson(res, 200, reply);
  });
}

const completion = {
  id: "chatcmpl-1",
  object: "chat.completion",
  choices: [{ index: 0, message: { role: "assistant", content: "Paris" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500 },
};

describe("prompt target", () => {
  it("sends system prompt, earlier turns, then the templated user message; computes cost", async () => {
    const server = await provider(completion);
    const target = makeTarget("prompt", {
      base_url: `${server.url}/v1/`,
      model: "gpt-test",
      system_prompt: "You are a geography tutor.",
      user_template: "Question: {{input}}",
      temperature: 0.2,
      api_key_secret: "OPENAI_KEY",
      input_cost_per_1k: 0.5,
      output_cost_per_1k: 1.5,
    });
    const call = makeCall({
      input: "And of France?",
      messages: [
        { role: "user", content: "Capital of Spain?" },
        { role: "assistant", content: "Madrid" },
        { role: "user", content: "And of France?" },
      ],
      secrets: { OPENAI_KEY: "sk-provider" },
    });
    const res = await callTarget(target, call);
    expect(res.output).toBe("Paris");
    expect(res.usage).toEqual({ promptTokens: 1000, completionTokens: 500, costUsd: 1.25 });
    const [req] = server.received;
    expect(req.headers.authorization).toBe("Bearer sk-provider");
    expect(JSON.parse(req.body)).toEqual({
      model: "gpt-test",
      temperature: 0.2,
      messages: [
        { role: "system", content: "You are a geography tutor." },
        { role: "user", content: "Capital of Spain?" },
        { role: "assistant", content: "Madrid" },
        { role: "user", content: "Question: And of France?" },
      ],
    });
  });

  it("sends only the user message by default and reports tokens without a price", async () => {
    const server = await provider(completion);
    const target = makeTarget("prompt", { base_url: `${server.url}/v1`, model: "m" });
    const res = await callTarget(target, makeCall({ input: { city: "Rome" } }));
    expect(res.usage).toEqual({ promptTokens: 1000, completionTokens: 500 });
    const body = JSON.parse(server.received[0].body);
    expect(body.messages).toEqual([{ role: "user", content: '{"city":"Rome"}' }]);
    expect(body).not.toHaveProperty("temperature");
    expect(server.received[0].headers.authorization).toBeUndefined();
  });

  it("returns tool calls with parsed arguments", async () => {
    const server = await provider({
      choices: [
        {
          message: {
            role: "assistant",
            content: null,
            tool_calls: [
              { id: "t1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } },
            ],
          },
        },
      ],
    });
    const target = makeTarget("prompt", { base_url: `${server.url}/v1`, model: "m" });
    const res = await callTarget(target, makeCall());
    expect(res.output).toBe("");
    expect(res.toolCalls).toEqual([{ name: "lookup", arguments: { q: "x" } }]);
  });

  it("fails with missing_secret when the key secret is not defined", async () => {
    const server = await provider(completion);
    const target = makeTarget("prompt", {
      base_url: `${server.url}/v1`,
      model: "m",
      api_key_secret: "OPENAI_KEY",
    });
    const err = await failure(callTarget(target, makeCall()));
    expect(err.code).toBe("missing_secret");
    expect(err.message).toContain("OPENAI_KEY");
    expect(server.received).toHaveLength(0);
  });

  it("maps provider errors like http targets, without the key in the message", async () => {
    const server = await agent((req, res) =>
      sendJson(res, 503, { error: `overloaded, key ${req.headers.authorization}` }),
    );
    const target = makeTarget("prompt", {
      base_url: `${server.url}/v1`,
      model: "m",
      api_key_secret: "K",
    });
    const err = await failure(callTarget(target, makeCall({ secrets: { K: "sk-hidden" } })));
    expect(err.code).toBe("http_5xx");
    expect(err.transient).toBe(true);
    expect(err.message).toContain("overloaded");
    expect(err.message).not.toContain("sk-hidden");
  });

  it("fails with invalid_output when the reply has no choices", async () => {
    const server = await provider({ object: "error" });
    const target = makeTarget("prompt", { base_url: `${server.url}/v1`, model: "m" });
    const err = await failure(callTarget(target, makeCall()));
    expect(err.code).toBe("invalid_output");
  });
});
