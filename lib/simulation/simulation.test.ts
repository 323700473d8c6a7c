import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as secretsRoute from "@/app/api/v1/secrets/route";
import type { SimulationSpec, TranscriptEntry } from "@/db/schema";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { judgeSettings } from "@/lib/scorers/judge-client";
import { reply, startAgent, type AgentHandler, type TestAgent } from "@/lib/test/agent";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite, type SeedScenario } from "@/lib/test/seed";
import type { ScorerSpec } from "@/lib/scorers/types";
import { startTestLlm, type TestLlm } from "./test-llm";

const SIM_KEY = "sk-sim-3f9a1c77-canary";
let project: TestProject;
let worker: WorkerHandle;
let llm: TestLlm;
const agents: TestAgent[] = [];
const judgeDefaults = { ...judgeSettings };

beforeAll(async () => {
  project = await createTestProject("simulation");
  llm = await startTestLlm();
  worker = await startWorker({ concurrency: 8 });
  const created = await call(secretsRoute.POST, "POST", {
    key: project.keys.admin,
    body: { name: "SIM_KEY", value: SIM_KEY },
  });
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await worker.stop();
  await Promise.all(agents.map((a) => a.close()));
  await llm.close();
});
beforeEach(() => {
  llm.calls.length = 0;
  llm.handle(null);
  Object.assign(judgeSettings, { timeoutMs: 1_000, backoffMs: 5 });
});
afterEach(() => Object.assign(judgeSettings, judgeDefaults));

/** An agent that answers each user turn, numbering its replies. */
async function agent(handler?: AgentHandler) {
  let n = 0;
  const a = await startAgent(
    handler ?? ((body, _req, res) => reply(res, 200, { output: `agent ${++n}: ${body.input}` })),
  );
  agents.push(a);
  return a;
}

function simulation(overrides: Partial<SimulationSpec> = {}): SimulationSpec {
  return {
    persona: "A customer who writes short messages. [done_after=2] [closing=Thanks, bye!]",
    mission: "Get a refund for order 1234.",
    max_turns: 5,
    simulator: { base_url: llm.baseUrl, model: "sim-model", api_key_secret: "SIM_KEY" },
    judge_criteria: ["Offers a refund", "Stays polite"],
    ...overrides,
  };
}

async function runOne(opts: {
  url: string;
  simulation: SimulationSpec;
  scorers?: ScorerSpec[];
  target?: Parameters<typeof seedSuite>[0]["target"];
  body?: object;
}) {
  const scenario: SeedScenario = {
    input: null,
    simulation: opts.simulation,
    scorers: opts.scorers ?? [],
  };
  const { suiteId } = await seedSuite({
    projectId: project.id,
    url: opts.url,
    scenarios: [scenario],
    target: opts.target ?? { retries: 0 },
  });
  const created = await call(triggerRoute.POST, "POST", {
    key: project.keys.run,
    params: { id: suiteId },
    body: opts.body ?? {},
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await call(suiteRunRoute.GET, "GET", {
      key: project.keys.read,
      params: { id: created.body.id },
    });
    if (["passed", "failed", "error", "cancelled"].includes(res.body.status)) {
      const run = await call(runRoute.GET, "GET", {
        key: project.keys.read,
        params: { id: res.body.runs[0].id },
      });
      return { suiteRun: res.body, run: run.body, runText: run.text };
    }
    if (Date.now() > deadline) throw new Error("suite run did not finish");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lines = (transcript: TranscriptEntry[]) =>
  transcript.map((t) => `${t.speaker}/${t.role}: ${t.content}`);

describe("the conversation loop", () => {
  it("ends when the simulator is done, keeping who said what, in order, with timings", async () => {
    const a = await agent();
    const { suiteRun, run, runText } = await runOne({ url: a.url, simulation: simulation() });

    expect(suiteRun.status).toBe("passed");
    expect(run.status).toBe("passed");
    expect(run.end_reason).toBe("simulator_done");
    expect(run.turns).toBe(2);
    expect(lines(run.transcript)).toEqual([
      "simulator/user: user turn 1",
      "target/assistant: agent 1: user turn 1",
      "simulator/user: user turn 2",
      "target/assistant: agent 2: user turn 2",
      "simulator/user: Thanks, bye!",
    ]);
    for (const entry of run.transcript as TranscriptEntry[]) {
      expect(entry.latency_ms).toEqual(expect.any(Number));
    }
    expect(run.transcript[0].tokens).toEqual({ prompt: 100, completion: 10 });
    expect(run.output).toBe("agent 2: user turn 2");
    expect(run.simulation).toMatchObject({ mission: "Get a refund for order 1234." });

    // The agent got each turn with the conversation so far.
    expect(a.calls.map((c) => c.body.input)).toEqual(["user turn 1", "user turn 2"]);
    expect(a.calls[1].body.messages.map((m: { role: string }) => m.role)).toEqual([
      "user",
      "assistant",
      "user",
    ]);
    // The simulator was asked three times (two turns, then it ended) with its key.
    const sims = llm.callsFor("simulator");
    expect(sims).toHaveLength(3);
    expect(sims[0].headers.authorization).toBe(`Bearer ${SIM_KEY}`);
    expect(sims[2].messages.at(-1)).toEqual({ role: "user", content: "agent 2: user turn 2" });
    // The judge read the whole conversation, closing words included.
    const [judge] = llm.callsFor("judge");
    expect(judge.messages.at(-1)?.content).toContain("user: Thanks, bye!");
    expect(judge.messages.at(-1)?.content).toContain("Get a refund for order 1234.");
    expect(runText).not.toContain(SIM_KEY);
  });

  it("ends when the agent's reply matches stop_when", async () => {
    let n = 0;
    const a = await agent((_b, _r, res) =>
      reply(res, 200, { output: ++n === 2 ? "Done: refund REF-42 issued" : "Let me check." }),
    );
    const { run } = await runOne({
      url: a.url,
      simulation: simulation({ persona: "A customer.", stop_when: "REF-\\d+", max_turns: 10 }),
    });
    expect(run.end_reason).toBe("stop_when");
    expect(a.calls).toHaveLength(2);
    expect(llm.callsFor("simulator")).toHaveLength(2);
    expect(run.transcript.at(-1)).toMatchObject({
      speaker: "target",
      content: "Done: refund REF-42 issued",
    });
  });

  it("ends at max_turns, opening with first_message without asking the simulator", async () => {
    const a = await agent();
    const { run } = await runOne({
      url: a.url,
      simulation: simulation({
        persona: "A customer.",
        max_turns: 3,
        first_message: "Hello there",
      }),
    });
    expect(run.end_reason).toBe("max_turns");
    expect(run.turns).toBe(3);
    expect(a.calls.map((c) => c.body.input)).toEqual(["Hello there", "user turn 2", "user turn 3"]);
    expect(llm.callsFor("simulator")).toHaveLength(2);
    expect(run.transcript).toHaveLength(6);
    expect(run.transcript[0]).toMatchObject({ speaker: "simulator", content: "Hello there" });
  });
});

describe("judging and accounting", () => {
  it("records the judge's verdict per criterion with its reasoning; one failed criterion fails the run", async () => {
    const a = await agent();
    const { suiteRun, run } = await runOne({
      url: a.url,
      simulation: simulation({
        judge_criteria: ["Offers a refund", "Never mentions competitors [fail]"],
      }),
      scorers: [{ type: "contains", applies_to: "each_turn", config: { values: ["agent"] } }],
    });
    expect(suiteRun.status).toBe("failed");
    expect(run.status).toBe("failed");
    expect(run.error).toBeNull();
    expect(run.results.map((r: { name: string; passed: boolean }) => [r.name, r.passed])).toEqual([
      ["contains", true],
      ["judge_criteria", false],
    ]);
    const judge = run.results[1];
    expect(judge).toMatchObject({ scorer: "llm_judge", score: 0.5, threshold: 1 });
    expect(judge.scorer_output.criteria).toEqual([
      { criterion: "Offers a refund", passed: true, reasoning: "checked: Offers a refund" },
      {
        criterion: "Never mentions competitors [fail]",
        passed: false,
        reasoning: "checked: Never mentions competitors [fail]",
      },
    ]);
    expect(judge.reason).toContain("Never mentions competitors");
  });

  it("accounts tokens and cost per role, with run totals, and applies config_override to simulator and judge", async () => {
    const target = {
      type: "prompt" as const,
      retries: 0,
      config: {
        base_url: llm.baseUrl,
        model: "agent-model",
        input_cost_per_1k: 1,
        output_cost_per_1k: 2,
      },
    };
    const priced = { input_cost_per_1k: 0.5, output_cost_per_1k: 1 };
    const { run } = await runOne({
      url: "http://unused",
      simulation: simulation(),
      target,
      body: { config_override: { simulator: priced } },
    });
    expect(run.status).toBe("passed");
    // target: 2 calls × (40, 20) at 1/2 per 1k; simulator: 3 × (100, 10) at 0.5/1; judge inherits
    // the simulator's prices (same model): (300, 50).
    expect(run.usage.target).toMatchObject({ prompt: 80, completion: 40 });
    expect(run.usage.target.cost_usd).toBeCloseTo(0.16, 10);
    expect(run.usage.simulator).toMatchObject({ prompt: 300, completion: 30 });
    expect(run.usage.simulator.cost_usd).toBeCloseTo(0.18, 10);
    expect(run.usage.judge).toMatchObject({ prompt: 300, completion: 50 });
    expect(run.usage.judge.cost_usd).toBeCloseTo(0.2, 10);
    expect(run.tokens).toEqual({ prompt: 680, completion: 120, total: 800 });
    expect(run.cost_usd).toBeCloseTo(0.54, 5);
    expect(run.transcript[1]).toMatchObject({
      speaker: "target",
      tokens: { prompt: 40, completion: 20 },
    });

    llm.calls.length = 0;
    const override = {
      simulator: { model: "sim-alt" },
      judge: { model: "judge-big", input_cost_per_1k: 2, output_cost_per_1k: 4 },
    };
    const swapped = await runOne({
      url: "http://unused",
      simulation: simulation(),
      target,
      body: { config_override: override },
    });
    expect(swapped.suiteRun.config_override).toEqual(override);
    expect(new Set(llm.callsFor("simulator").map((c) => c.model))).toEqual(new Set(["sim-alt"]));
    expect(llm.callsFor("judge").map((c) => c.model)).toEqual(["judge-big"]);
    expect(swapped.run.usage.simulator.cost_usd).toBeNull(); // unpriced: tokens only
    expect(swapped.run.usage.judge.cost_usd).toBeCloseTo(0.8, 10);
    expect(swapped.run.cost_usd).toBeCloseTo(0.16 + 0.8, 5);
  });

  it("rejects an unknown field in a simulator override", async () => {
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: "http://unused",
      scenarios: [{ input: null, simulation: simulation(), scorers: [] }],
    });
    const res = await call(triggerRoute.POST, "POST", {
      key: project.keys.run,
      params: { id: suiteId },
      body: { config_override: { simulator: { temperature: 2 } } },
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.errors)).toContain("config_override.simulator.temperature");
  });
});

describe("failures end the run as error, not failed", () => {
  it("a judge outage is error judge_unavailable, after the conversation ended normally", async () => {
    const a = await agent();
    llm.handle((r) => (r.role === "judge" ? { status: 503 } : undefined));
    const { suiteRun, run } = await runOne({ url: a.url, simulation: simulation() });
    expect(suiteRun).toMatchObject({ status: "error", errored_count: 1, failed_count: 0 });
    expect(run.status).toBe("error");
    expect(run.error.code).toBe("judge_unavailable");
    expect(run.end_reason).toBe("simulator_done");
    expect(llm.callsFor("judge")).toHaveLength(judgeSettings.maxRetries + 1);
  });

  it("no key secret is missing_byok_key, and nothing is called", async () => {
    const a = await agent();
    for (const simulator of [
      { base_url: llm.baseUrl, model: "sim-model", api_key_secret: "NOT_A_SECRET" },
      { base_url: llm.baseUrl, model: "sim-model" },
    ]) {
      const { suiteRun, run } = await runOne({ url: a.url, simulation: simulation({ simulator }) });
      expect(suiteRun.status).toBe("error");
      expect(run).toMatchObject({ status: "error", end_reason: null, transcript: [] });
      expect(run.error.code).toBe("missing_byok_key");
    }
    expect(llm.calls).toHaveLength(0);
    expect(a.calls).toHaveLength(0);
  });

  it("a simulator that stays malformed (after one retry) ends with simulator_error, keeping the transcript", async () => {
    const a = await agent();
    llm.handle((r) =>
      r.role === "simulator" && r.agentReplies >= 1 ? { content: '{"message": "cut' } : undefined,
    );
    const { run } = await runOne({ url: a.url, simulation: simulation() });
    expect(run.status).toBe("error");
    expect(run.error.code).toBe("simulator_invalid_response");
    expect(run.end_reason).toBe("simulator_error");
    expect(lines(run.transcript)).toEqual([
      "simulator/user: user turn 1",
      "target/assistant: agent 1: user turn 1",
    ]);
    expect(llm.callsFor("simulator")).toHaveLength(3);
    expect(llm.callsFor("judge")).toHaveLength(0);
    expect(run.results).toEqual([]);
  });

  it("rides out a simulator 429 and one refusal, but a simulator that never answers is simulator_unavailable", async () => {
    const a = await agent();
    llm.handle((r, i) =>
      r.role !== "simulator"
        ? undefined
        : i === 0
          ? { status: 429, headers: { "retry-after": "0" } }
          : i === 1
            ? { content: "I'm sorry, but I can't role-play as a customer." }
            : undefined,
    );
    const ok = await runOne({ url: a.url, simulation: simulation() });
    expect(ok.run.status).toBe("passed");
    expect(ok.run.end_reason).toBe("simulator_done");

    Object.assign(judgeSettings, { timeoutMs: 150 });
    llm.handle((r) => (r.role === "simulator" ? { hang: true } : undefined));
    const { run } = await runOne({ url: a.url, simulation: simulation() });
    expect(run.status).toBe("error");
    expect(run.error.code).toBe("simulator_unavailable");
    expect(run.end_reason).toBe("simulator_error");
  });

  it("a target error mid-conversation is the target's error code, with end_reason target_error", async () => {
    let n = 0;
    const a = await agent((_b, _r, res) =>
      ++n === 2 ? reply(res, 500, { error: "boom" }) : reply(res, 200, { output: "hi" }),
    );
    const { run } = await runOne({ url: a.url, simulation: simulation() });
    expect(run.status).toBe("error");
    expect(run.error.code).toBe("http_5xx");
    expect(run.end_reason).toBe("target_error");
    expect(lines(run.transcript)).toEqual([
      "simulator/user: user turn 1",
      "target/assistant: hi",
      "simulator/user: user turn 2",
    ]);
    expect(run.usage.simulator).toMatchObject({ prompt: 200, completion: 20 });
  });
});
