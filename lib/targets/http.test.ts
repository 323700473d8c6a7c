import { describe, expect, it } from "vitest";
import { callTarget } from "./index";
import { failure, makeCall, makeTarget, sendJson, useServers } from "./test-server";

const agent = useServers();

const echo = (_req: unknown, res: Parameters<typeof sendJson>[0], body: string) =>
  sendJson(res, 200, { output: `got ${body.length} bytes` });

describe("http target: request", () => {
  it("POSTs the default body with the input and the messages as JSON", async () => {
    const server = await agent(echo);
    const call = makeCall({ input: { question: "2+2?" } });
    const res = await callTarget(makeTarget("http", { url: `${server.url}/agent` }), call);
    expect(res.output).toMatch(/^got \d+ bytes$/);
    const [req] = server.received;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/agent");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({ input: { question: "2+2?" }, messages: call.messages });
    expect(res.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("renders body_template, header and URL secrets", async () => {
    const server = await agent(echo);
    const target = makeTarget("http", {
      url: `${server.url}/v1/{{secrets.TENANT}}/chat?q={{input.question}}`,
      headers: { Authorization: "Bearer {{secrets.API_KEY}}", "X-Fixed": "yes" },
      body_template: {
        query: "{{input.question}}",
        user: "{{input.user}}",
        prompt: "User {{input.user.name}} asks: {{input.question}}",
        history: "{{messages}}",
        key: "{{secrets.API_KEY}}",
        static: [1, "two"],
      },
    });
    const input = { question: "a&b?", user: { name: "Ada" } };
    await callTarget(
      target,
      makeCall({ input, secrets: { API_KEY: "sk-123", TENANT: "acme", UNUSED: "x" } }),
    );
    const [req] = server.received;
    expect(req.url).toBe("/v1/acme/chat?q=a%26b%3F");
    expect(req.headers.authorization).toBe("Bearer sk-123");
    expect(req.headers["x-fixed"]).toBe("yes");
    expect(JSON.parse(req.body)).toEqual({
      query: "a&b?",
      user: { name: "Ada" },
      prompt: "User Ada asks: a&b?",
      history: [{ role: "user", content: JSON.stringify(input) }],
      key: "sk-123",
      static: [1, "two"],
    });
  });

  it("fails with missing_secret naming the secret, before calling the agent", async () => {
    const server = await agent(echo);
    const target = makeTarget("http", {
      url: server.url,
      headers: { "X-Api-Key": "{{secrets.AGENT_KEY}}" },
    });
    const err = await failure(callTarget(target, makeCall({ secrets: { OTHER: "v" } })));
    expect(err.code).toBe("missing_secret");
    expect(err.transient).toBe(false);
    expect(err.message).toContain("AGENT_KEY");
    expect(server.received).toHaveLength(0);
  });

  it("sends no body on GET", async () => {
    const server = await agent(echo);
    await callTarget(makeTarget("http", { url: `${server.url}/q`, method: "GET" }), makeCall());
    const [req] = server.received;
    expect(req.method).toBe("GET");
    expect(req.body).toBe("");
    expect(req.headers["content-type"]).toBeUndefined();
  });

  it("sends a string body_template as text", async () => {
    const server = await agent(echo);
    const target = makeTarget("http", { url: server.url, body_template: "Q: {{input}}" });
    await callTarget(target, makeCall({ input: "why?" }));
    expect(server.received[0].body).toBe("Q: why?");
    expect(server.received[0].headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("reuses keep-alive connections across calls", async () => {
    const server = await agent(echo);
    const target = makeTarget("http", { url: server.url });
    for (let i = 0; i < 100; i++) await callTarget(target, makeCall());
    expect(server.received).toHaveLength(100);
    // undici may alternate between two sockets while one finishes; never one per call.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });
});

describe("http target: output extraction", () => {
  it("applies output_path to a JSON body", async () => {
    const server = await agent((_req, res) =>
      sendJson(res, 200, { data: { items: [{ text: "first" }, { text: "last" }] } }),
    );
    const call = makeCall();
    const pick = (path: string) =>
      callTarget(makeTarget("http", { url: server.url, output_path: path }), call);
    expect((await pick("$.data.items[0].text")).output).toBe("first");
    expect((await pick("$.data.items[-1]")).output).toEqual({ text: "last" });
    expect((await pick("$")).output).toEqual({
      data: { items: [{ text: "first" }, { text: "last" }] },
    });
    const err = await failure(pick("$.data.answer"));
    expect(err.code).toBe("invalid_output");
    expect(err.transient).toBe(false);
    expect(err.message).toContain("$.data.answer");
  });

  it("fails with invalid_output on a garbage body when an output_path is set", async () => {
    const server = await agent((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("<html>oops</html>");
    });
    const err = await failure(
      callTarget(makeTarget("http", { url: server.url, output_path: "$.answer" }), makeCall()),
    );
    expect(err.code).toBe("invalid_output");
    expect(err.message).toContain("$.answer");
  });

  it("returns a text body as is with the default output_path", async () => {
    const server = await agent((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("plain answer");
    });
    const res = await callTarget(makeTarget("http", { url: server.url }), makeCall());
    expect(res.output).toBe("plain answer");
  });

  it("surfaces OpenAI-style tool calls at the root or under choices[0].message", async () => {
    const server = await agent((req, res) => {
      const toolCalls = [
        {
          id: "c1",
          type: "function",
          function: { name: "get_weather", arguments: '{"city":"Paris"}' },
        },
        { name: "raw_args", arguments: "not json" },
      ];
      if (req.url === "/root") sendJson(res, 200, { output: "calling", tool_calls: toolCalls });
      else sendJson(res, 200, { choices: [{ message: { content: null, tool_calls: toolCalls } }] });
    });
    const expected = [
      { name: "get_weather", arguments: { city: "Paris" } },
      { name: "raw_args", arguments: "not json" },
    ];
    const root = await callTarget(makeTarget("http", { url: `${server.url}/root` }), makeCall());
    expect(root).toMatchObject({ output: "calling", toolCalls: expected });
    const nested = await callTarget(
      makeTarget("http", {
        url: `${server.url}/nested`,
        output_path: "$.choices[0].message.content",
      }),
      makeCall(),
    );
    expect(nested.output).toBeNull();
    expect(nested.toolCalls).toEqual(expected);
  });

  it("scrubs secret values an agent echoes back", async () => {
    const server = await agent((req, res) => {
      const auth = String(req.headers.authorization);
      if (req.url === "/fail") sendJson(res, 401, { error: `bad token ${auth}` });
      else sendJson(res, 200, { output: `you sent ${auth}` });
    });
    const call = makeCall({ secrets: { KEY: "sk-leak-me-not" } });
    const headers = { authorization: "Bearer {{secrets.KEY}}" };
    const ok = await callTarget(makeTarget("http", { url: `${server.url}/ok`, headers }), call);
    expect(ok.output).toBe("you sent Bearer [redacted]");
    const err = await failure(
      callTarget(makeTarget("http", { url: `${server.url}/fail`, headers }), call),
    );
    expect(err.code).toBe("http_4xx");
    expect(err.message).toContain("bad token");
    expect(err.message).not.toContain("sk-leak-me-not");
  });
});
