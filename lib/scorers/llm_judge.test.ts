import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { judgeSettings } from "./judge-client";
import { parseJudgeReply } from "./llm_judge";
import { score } from "./test-helpers";

type Call = {
  url: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  at: number;
};
type Handler = (res: ServerResponse, callIndex: number) => void;

const API_KEY = "sk-test-0123456789-secret";
const criteria = ["Answers the question", "Is polite"];
let server: Server;
let baseUrl: string;
let calls: Call[] = [];
let handler: Handler;

function completion(
  res: ServerResponse,
  content: string,
  usage = { prompt_tokens: 120, completion_tokens: 30 },
) {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "c1",
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content } }],
      usage,
    }),
  );
}

const verdicts = (passed: boolean[]) =>
  JSON.stringify({
    criteria: criteria.map((criterion, i) => ({
      criterion,
      passed: passed[i],
      reasoning: `reasoning ${i + 1}`,
    })),
  });

function status(res: ServerResponse, code: number, headers: Record<string, string> = {}) {
  res.writeHead(code, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify({ error: { message: `echo ${API_KEY}` } }));
}

const config = () => ({
  criteria,
  provider: { base_url: `${baseUrl}/v1`, model: "judge-model", api_key_secret: "JUDGE_KEY" },
});
const judge = (overrides: Parameters<typeof score>[3] = {}) =>
  score("llm_judge", config(), "Paris is the capital of France, my friend.", {
    input: "What is the capital of France?",
    secrets: { JUDGE_KEY: API_KEY },
    ...overrides,
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      calls.push({
        url: req.url ?? "",
        headers: req.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        at: Date.now(),
      });
      handler(res, calls.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const defaults = { ...judgeSettings };
beforeEach(() => {
  calls = [];
  Object.assign(judgeSettings, { timeoutMs: 2_000, backoffMs: 10 });
});
afterEach(() => {
  Object.assign(judgeSettings, defaults);
  server.closeAllConnections();
});

describe("llm_judge", () => {
  it("sends an OpenAI-compatible request and scores every criterion", async () => {
    handler = (res) => completion(res, verdicts([true, true]));
    const result = await judge({ transcript: [{ role: "user", content: "earlier turn" }] });
    expect(result).toMatchObject({ score: 1, passed: true, reason: "All 2 criteria passed." });
    expect(result.scorerOutput).toEqual({
      criteria: [
        { criterion: "Answers the question", passed: true, reasoning: "reasoning 1" },
        { criterion: "Is polite", passed: true, reasoning: "reasoning 2" },
      ],
      raw_response: verdicts([true, true]),
    });
    expect(result.usage).toEqual({ promptTokens: 120, completionTokens: 30 });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call.url).toBe("/v1/chat/completions");
    expect(call.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(call.body).toMatchObject({
      model: "judge-model",
      temperature: 0,
      response_format: { type: "json_object" },
    });
    const prompt = JSON.stringify(call.body.messages);
    for (const text of [
      "What is the capital of France?",
      "my friend",
      "earlier turn",
      "1. Answers the question",
      "2. Is polite",
    ]) {
      expect(prompt).toContain(text);
    }
  });

  it("scores the share of passed criteria and names the failures", async () => {
    handler = (res) => completion(res, verdicts([true, false]));
    const result = await judge();
    expect(result).toMatchObject({ score: 0.5, passed: false });
    expect(result.reason).toBe('1 of 2 criteria passed; failed: "Is polite" (reasoning 2).');
  });

  it("reads fenced JSON and matches renamed criteria by position", async () => {
    const content =
      '```json\n{"criteria":[{"criterion":"answer","passed":true,"reasoning":"ok"},{"criterion":"tone","passed":"fail","reasoning":"curt"}]}\n```';
    handler = (res) => completion(res, content);
    const result = await judge();
    expect(result.scorerOutput.criteria).toEqual([
      { criterion: "Answers the question", passed: true, reasoning: "ok" },
      { criterion: "Is polite", passed: false, reasoning: "curt" },
    ]);
  });

  it("retries a 500 and then succeeds", async () => {
    handler = (res, i) => (i === 0 ? status(res, 500) : completion(res, verdicts([true, true])));
    const result = await judge();
    expect(result).toMatchObject({ score: 1, passed: true });
    expect(calls).toHaveLength(2);
  });

  it("honours Retry-After on a 429 and then succeeds", async () => {
    handler = (res, i) =>
      i === 0 ? status(res, 429, { "retry-after": "1" }) : completion(res, verdicts([true, true]));
    const result = await judge();
    expect(result.score).toBe(1);
    expect(calls).toHaveLength(2);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
  });

  it("gives judge_unavailable after the retries run out", async () => {
    handler = (res) => status(res, 503);
    const result = await judge();
    expect(result).toMatchObject({ error: "judge_unavailable", passed: false, score: 0 });
    expect(result.scorerOutput).toEqual({ error: "judge_unavailable" });
    expect(result.reason).toBe("The judge could not be reached: the judge failed (HTTP 503).");
    expect(calls).toHaveLength(3);
  });

  it("does not retry a 401, and never shows the key", async () => {
    handler = (res) => status(res, 401);
    const result = await judge();
    expect(result).toMatchObject({ error: "judge_unavailable" });
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it("gives judge_invalid_response with the raw reply when it cannot be read", async () => {
    handler = (res) => completion(res, "I think it passes, mostly.");
    const result = await judge();
    expect(result).toMatchObject({ error: "judge_invalid_response", passed: false });
    expect(result.scorerOutput).toEqual({
      error: "judge_invalid_response",
      raw_response: "I think it passes, mostly.",
    });
    expect(result.usage).toEqual({ promptTokens: 360, completionTokens: 90 });
    expect(calls).toHaveLength(3);
  });

  it("treats a body that is not a chat completion as an invalid reply", async () => {
    handler = (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>gateway</html>");
    };
    const result = await judge();
    expect(result.error).toBe("judge_invalid_response");
    expect(result.scorerOutput.raw_response).toBe("<html>gateway</html>");
  });

  it("times out a judge that never answers", async () => {
    judgeSettings.timeoutMs = 150;
    handler = () => {}; // never responds
    const startedAt = performance.now();
    const result = await judge();
    expect(performance.now() - startedAt).toBeLessThan(3_000);
    expect(result).toMatchObject({
      error: "judge_unavailable",
      reason: "The judge could not be reached: no reply within 150 ms.",
    });
    expect(calls).toHaveLength(3);
  });

  it("stops when the run is cancelled", async () => {
    handler = () => {};
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await judge({ signal: controller.signal });
    expect(result).toMatchObject({
      error: "judge_unavailable",
      reason: "The judge could not be reached: the run was cancelled.",
    });
    expect(calls).toHaveLength(1);
  });

  it("gives missing_byok_key without calling anything when the secret is absent", async () => {
    handler = (res) => completion(res, verdicts([true, true]));
    const cases: Record<string, string>[] = [{}, { OTHER: "x" }, { JUDGE_KEY: "" }];
    for (const secrets of cases) {
      const result = await judge({ secrets });
      expect(result).toMatchObject({ error: "missing_byok_key", passed: false, score: 0 });
      expect(result.scorerOutput).toEqual({ error: "missing_byok_key" });
    }
    expect(calls).toHaveLength(0);
  });

  it("rejects a config without criteria or with a bad base_url", async () => {
    const bad = await score("llm_judge", { ...config(), criteria: [] }, "x");
    expect(bad.error).toBe("invalid_scorer_config");
    const url = await score(
      "llm_judge",
      { criteria, provider: { ...config().provider, base_url: "ftp://x" } },
      "x",
    );
    expect(url.error).toBe("invalid_scorer_config");
    expect(calls).toHaveLength(0);
  });
});

describe("parseJudgeReply", () => {
  it("matches by name first, then by position", () => {
    const reply = JSON.stringify({
      criteria: [
        { criterion: "is polite", passed: false, reasoning: "b" },
        { criterion: "something else", passed: true, reasoning: "a" },
      ],
    });
    expect(parseJudgeReply(reply, criteria)).toEqual([
      { criterion: "Answers the question", passed: true, reasoning: "a" },
      { criterion: "Is polite", passed: false, reasoning: "b" },
    ]);
  });

  it("finds JSON inside prose and accepts a bare array", () => {
    const reply = 'Sure! {"criteria":[{"passed":true},{"passed":false}]} Hope that helps.';
    expect(parseJudgeReply(reply, criteria)?.map((v) => v.passed)).toEqual([true, false]);
    expect(
      parseJudgeReply('[{"passed":"yes"},{"passed":"no"}]', criteria)?.map((v) => v.passed),
    ).toEqual([true, false]);
  });

  it("returns null for too few verdicts or an unreadable passed value", () => {
    expect(parseJudgeReply('{"criteria":[{"passed":true}]}', criteria)).toBeNull();
    expect(
      parseJudgeReply('{"criteria":[{"passed":"maybe"},{"passed":true}]}', criteria),
    ).toBeNull();
    expect(parseJudgeReply("no json here", criteria)).toBeNull();
  });
});
