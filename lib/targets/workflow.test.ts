import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";
import { callTarget } from "./index";
import { failure, makeCall, makeTarget, sendJson, useServers } from "./test-server";
import type { TargetDefinition } from "./types";

const agent = useServers();

function registry(...targets: TargetDefinition[]) {
  const byId = new Map(targets.map((t) => [t.id, t]));
  return async (id: string) => byId.get(id) ?? null;
}

function workflow(steps: TargetDefinition[], overrides: Partial<TargetDefinition> = {}) {
  return makeTarget("workflow", { steps: steps.map((s) => s.id) }, overrides);
}

describe("workflow target", () => {
  it("chains three steps: each output is the next input; the last output is returned", async () => {
    const first = await agent((_req, res) => sendJson(res, 200, { output: "alpha" }));
    const second = await agent((_req, res, body) =>
      sendJson(res, 200, { output: `${JSON.parse(body).input}+beta` }),
    );
    const step1 = makeTarget("http", { url: first.url }, { name: "retrieve" });
    const step2 = makeTarget("http", { url: second.url }, { name: "draft" });
    const step3 = makeTarget("code", {
      source: "export default (input, ctx) => `${input}! (${ctx.messages[0].content})`",
    });
    const target = workflow([step1, step2, step3]);
    const call = makeCall({ input: { q: "start" }, resolveTarget: registry(step1, step2, step3) });
    const res = await callTarget(target, call);
    expect(res.output).toBe("alpha+beta! (alpha+beta)");
    expect(JSON.parse(first.received[0].body).input).toEqual({ q: "start" });
    expect(JSON.parse(second.received[0].body)).toEqual({
      input: "alpha",
      messages: [{ role: "user", content: "alpha" }],
    });
    expect(res.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("sums usage over steps", async () => {
    const llm = await agent((_req, res) =>
      sendJson(res, 200, {
        choices: [{ message: { role: "assistant", content: "ok" } }],
        usage: { prompt_tokens: 100, completion_tokens: 10 },
      }),
    );
    const config = { base_url: llm.url, model: "m", input_cost_per_1k: 1, output_cost_per_1k: 2 };
    const a = makeTarget("prompt", config);
    const b = makeTarget("prompt", config);
    const res = await callTarget(workflow([a, b]), makeCall({ resolveTarget: registry(a, b) }));
    expect(res.usage).toEqual({ promptTokens: 200, completionTokens: 20, costUsd: 0.24 });
  });

  it("rethrows a failing step's error prefixed with the step's name", async () => {
    const ok = await agent((_req, res) => sendJson(res, 200, { output: "fine" }));
    const broken = await agent((_req, res) => sendJson(res, 502, { error: "upstream" }));
    const step1 = makeTarget("http", { url: ok.url });
    const step2 = makeTarget("http", { url: broken.url }, { name: "summarizer" });
    const err = await failure(
      callTarget(workflow([step1, step2]), makeCall({ resolveTarget: registry(step1, step2) })),
    );
    expect(err.code).toBe("http_5xx");
    expect(err.transient).toBe(true);
    expect(err.opts.status).toBe(502);
    expect(err.message).toMatch(/^step 2 "summarizer": /);
  });

  it("bounds all steps together by the workflow's own timeout", async () => {
    const hang = await agent(() => {});
    const step = makeTarget("http", { url: hang.url }, { timeoutMs: 10_000, name: "slow" });
    const started = Date.now();
    const err = await failure(
      callTarget(workflow([step], { timeoutMs: 200 }), makeCall({ resolveTarget: registry(step) })),
    );
    expect(err.code).toBe("timeout");
    expect(err.transient).toBe(true);
    expect(err.message).toContain('"slow"');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("fails with config_error when a step does not exist", async () => {
    const ghost = newId("target");
    const target = makeTarget("workflow", { steps: [ghost] });
    const err = await failure(callTarget(target, makeCall({ resolveTarget: registry() })));
    expect(err.code).toBe("config_error");
    expect(err.message).toContain(ghost);
  });

  it("limits nesting depth and refuses a workflow that contains itself", async () => {
    const leaf = makeTarget("code", { source: "export default (input) => input" });
    const chain: TargetDefinition[] = [leaf];
    for (let i = 0; i < 6; i++) chain.push(workflow([chain[chain.length - 1]]));
    const resolveTarget = registry(...chain);
    const ok = await callTarget(chain[5], makeCall({ input: "deep", resolveTarget })); // 5 levels
    expect(ok.output).toBe("deep");
    const tooDeep = await failure(callTarget(chain[6], makeCall({ resolveTarget })));
    expect(tooDeep.code).toBe("config_error");
    expect(tooDeep.message).toContain("nested");

    const selfId = newId("target");
    const self: TargetDefinition = { ...workflow([leaf]), id: selfId, config: { steps: [selfId] } };
    const loop = await failure(callTarget(self, makeCall({ resolveTarget: registry(self) })));
    expect(loop.code).toBe("config_error");
  });
});
