import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSseFrames } from "@/lib/test/server";
import { seedSuite } from "@/lib/test/seed";
import { responseChecker } from "@/lib/openapi/conformance";
import { client, startWorld, type Client, type World } from "./test-world";

let world: World;
let api: Client;

beforeAll(async () => {
  world = await startWorld("experiments");
  api = client(world.server, world.project.keys.run);
});
afterAll(() => world.close());

/** What LangWatch's SDK does: start, then poll every few hundred ms until a final status. */
async function runLikeLangwatchClient(path: string) {
  const started = await api.request("POST", path);
  expect(started.status).toBe(200);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await api.request("GET", `/api/evaluations/v3/runs/${started.body.runId}`);
    expect(status.status).toBe(200);
    if (["completed", "failed", "stopped"].includes(status.body.status))
      return { started: started.body, final: status.body };
    if (Date.now() > deadline) throw new Error(`still ${status.body.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("POST /api/evaluations/v3/{slug}/run + polling", () => {
  it("starts a run and reports correct per-target and per-evaluator numbers when completed", async () => {
    const { started, final } = await runLikeLangwatchClient(
      `/api/evaluations/v3/${world.suite.slug}/run`,
    );
    expect(started).toEqual({
      runId: expect.stringMatching(/^srun_/),
      status: "running",
      total: 6,
      runUrl: expect.stringContaining(`/runs/${started.runId}`),
    });
    expect(started.runUrl).toContain(`/p/${world.project.slug}/runs/`);

    expect(final).toMatchObject({
      runId: started.runId,
      status: "completed", // the gate failed, but every cell is terminal: completed
      progress: 6,
      total: 6,
      error: null,
    });
    expect(final.startedAt).toEqual(expect.any(Number));
    expect(final.finishedAt).toBeGreaterThanOrEqual(final.startedAt);
    const s = final.summary;
    expect(s).toMatchObject({
      runId: started.runId,
      totalCells: 6,
      completedCells: 6,
      failedCells: 2,
      totalPassed: 2,
      totalFailed: 2,
      totalErrored: 2,
      passRate: 33.33,
      runUrl: started.runUrl,
    });
    expect(s.duration).toBeGreaterThanOrEqual(0);
    expect(s.targets).toEqual([
      expect.objectContaining({ name: "agent A", passed: 2, failed: 0, errored: 1 }),
      expect.objectContaining({ name: "agent B", passed: 0, failed: 2, errored: 1 }),
    ]);
    for (const t of s.targets) {
      expect(t.avgLatency).toBeGreaterThanOrEqual(0);
      expect(t.totalCost).toBe(0);
    }
    const byName = Object.fromEntries(s.evaluators.map((e: any) => [e.name, e]));
    // mentions-input: A greets ✓, A refunds ✓, B greets ✗, B refunds ✗ (errored cells have no results)
    expect(byName["mentions-input"]).toMatchObject({
      type: "contains",
      passed: 2,
      failed: 2,
      passRate: 50,
      avgScore: 0.5,
    });
    // polite: both agents answer "Sure…"
    expect(byName.polite).toMatchObject({ type: "regex", passed: 2, failed: 0, passRate: 100 });
    expect(byName.polite.avgScore).toBe(1);
  });

  it("answers on the /api/experiments aliases too, and by suite id", async () => {
    const started = await api.request("POST", `/api/experiments/${world.suite.suiteId}/run`);
    expect(started.status).toBe(200);
    expect(started.body.total).toBe(6);
    const polled = await api.request("GET", `/api/experiments/runs/${started.body.runId}`);
    expect(polled.status).toBe(200);
    expect(polled.body.runId).toBe(started.body.runId);
    expect(["pending", "running", "completed"]).toContain(polled.body.status);
    expect(polled.body.total).toBe(6);
  });

  it("accepts the key as Authorization: Bearer and X-API-Key", async () => {
    for (const header of ["authorization", "x-api-key"]) {
      const res = await api.request("POST", `/api/evaluations/v3/${world.suite.slug}/run`, {
        header,
      });
      expect(res.status).toBe(200);
    }
  });

  it("reports `failed` with the reason when every cell errored", async () => {
    const broken = await seedSuite({
      projectId: world.project.id,
      url: world.agent.url,
      scenarios: [
        {
          name: "kaboom",
          input: "boom",
          scorers: [{ type: "contains", config: { values: ["x"] } }],
        },
      ],
      target: { retries: 0 },
    });
    const { final } = await runLikeLangwatchClient(`/api/evaluations/v3/${broken.suiteId}/run`);
    expect(final.status).toBe("failed");
    expect(final.error).toMatch(/Every cell errored.*http_5xx/);
    expect(final.summary).toMatchObject({ totalCells: 1, failedCells: 1, totalPassed: 0 });
  });

  it("reports `stopped` after a cancel", async () => {
    const slow = await seedSuite({
      projectId: world.project.id,
      url: world.agent.url,
      scenarios: Array.from({ length: 4 }, (_, i) => ({
        input: `slow ${i}`,
        scorers: [{ type: "contains", config: { values: ["slow"] } }],
      })),
      suite: { maxConcurrency: 1 },
    });
    const started = await api.request("POST", `/api/evaluations/v3/${slow.suiteId}/run`);
    const cancel = await api.request("POST", `/api/v1/suite-runs/${started.body.runId}/cancel`);
    expect(cancel.status).toBe(200);
    const deadline = Date.now() + 15_000;
    let polled;
    do {
      await new Promise((r) => setTimeout(r, 200));
      polled = await api.request("GET", `/api/evaluations/v3/runs/${started.body.runId}`);
    } while (polled.body.status !== "stopped" && Date.now() < deadline);
    expect(polled.body.status).toBe("stopped");
    expect(polled.body.progress).toBe(4);
    expect(polled.body.summary.timestamps.stoppedAt).toEqual(expect.any(Number));
  });
});

describe("SSE: Accept: text/event-stream", () => {
  it("streams execution_started, per-cell results, progress and done, in that order", async () => {
    const res = await api.request("POST", `/api/evaluations/v3/${world.suite.slug}/run`, {
      headers: { accept: "text/event-stream" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const frames = await readSseFrames(res.response, (f) => f.type === "done");
    const types = frames.map((f) => f.type);
    const check = responseChecker();
    expect(frames.flatMap((f) => check.schema("ExperimentFrame", f))).toEqual([]);

    expect(types[0]).toBe("execution_started");
    expect(frames[0]).toEqual({
      type: "execution_started",
      runId: expect.stringMatching(/^srun_/),
      total: 6,
    });
    expect(types.at(-1)).toBe("done");
    expect(types.filter((t) => t === "target_result")).toHaveLength(6);
    // A greets 1 + A refunds 2 + B greets 1 + B refunds 2; the errored cells have no verdicts
    expect(types.filter((t) => t === "evaluator_result")).toHaveLength(6);
    expect(types.filter((t) => t === "error")).toHaveLength(2);
    expect(types).not.toContain("stopped");

    // Each cell's verdicts follow its target_result.
    const seen = new Set<string>();
    for (const f of frames) {
      if (f.type === "target_result") seen.add(f.cellId);
      if (f.type === "evaluator_result" || (f.type === "error" && f.cellId))
        expect(seen.has(f.cellId)).toBe(true);
    }
    const progress = frames.filter((f) => f.type === "progress");
    expect(progress.at(-1)).toEqual({ type: "progress", completed: 6, total: 6 });
    const counts = progress.map((p) => p.completed);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);

    const errored = frames.find((f) => f.type === "target_result" && f.status === "error");
    expect(errored).toMatchObject({
      scenario: "explodes",
      error: expect.stringContaining("http_5xx"),
    });
    const passed = frames.find(
      (f) => f.type === "target_result" && f.status === "passed" && f.scenario === "greets",
    );
    expect(passed).toMatchObject({ target: "agent A", output: "Sure! hello", rowIndex: 0 });
    expect(passed.latency).toEqual(expect.any(Number));
    const verdict = frames.find((f) => f.type === "evaluator_result" && f.cellId === passed.cellId);
    expect(verdict).toMatchObject({
      evaluatorId: "mentions-input",
      result: { status: "processed", passed: true, score: 1 },
    });

    const done = frames.at(-1);
    expect(done.summary).toMatchObject({
      totalCells: 6,
      totalPassed: 2,
      totalFailed: 2,
      totalErrored: 2,
    });
  });

  it("sends `stopped` then `done` when the run is cancelled", async () => {
    const slow = await seedSuite({
      projectId: world.project.id,
      url: world.agent.url,
      scenarios: Array.from({ length: 3 }, (_, i) => ({
        input: `slow ${i}`,
        scorers: [{ type: "contains", config: { values: ["slow"] } }],
      })),
      suite: { maxConcurrency: 1 },
    });
    const res = await api.request("POST", `/api/experiments/${slow.suiteId}/run`, {
      headers: { accept: "text/event-stream" },
    });
    const frames = await readSseFrames(res.response, (f) => {
      if (f.type === "execution_started")
        void api.request("POST", `/api/v1/suite-runs/${f.runId}/cancel`);
      return f.type === "done";
    });
    const types = frames.map((f) => f.type);
    expect(types[0]).toBe("execution_started");
    expect(types.slice(-2)).toEqual(["stopped", "done"]);
    expect(frames.at(-2)).toEqual({ type: "stopped", reason: "user" });
  });
});

describe("errors are {error, message}", () => {
  it("401 without a key or with a bad one", async () => {
    for (const key of [null, "assay_not-a-real-key"]) {
      const start = await api.request("POST", `/api/evaluations/v3/${world.suite.slug}/run`, {
        key,
      });
      expect(start.status).toBe(401);
      expect(start.body).toMatchObject({ error: "unauthorized", message: expect.any(String) });
      const poll = await api.request("GET", `/api/evaluations/v3/runs/srun_x`, { key });
      expect(poll.status).toBe(401);
      expect(poll.body.error).toBe("unauthorized");
    }
  });

  it("404 for an unknown slug or run, including on the aliases", async () => {
    for (const path of [
      "/api/evaluations/v3/no-such-suite/run",
      "/api/experiments/no-such-suite/run",
    ]) {
      const res = await api.request("POST", path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: "not_found", message: "Suite not found" });
    }
    for (const id of ["srun_01jh0000000000000000000000", "not-an-id"]) {
      for (const prefix of ["/api/evaluations/v3/runs", "/api/experiments/runs"]) {
        const res = await api.request("GET", `${prefix}/${id}`);
        expect(res.status).toBe(404);
        expect(res.body.error).toBe("not_found");
      }
    }
  });

  it("404 for another project's run", async () => {
    const started = await api.request("POST", `/api/evaluations/v3/${world.suite.slug}/run`);
    const { createTestProject } = await import("@/lib/test/fixtures");
    const other = await createTestProject("other");
    const res = await api.request("GET", `/api/evaluations/v3/runs/${started.body.runId}`, {
      key: other.keys.read,
    });
    expect(res.status).toBe(404);
  });

  it("403 for a read-only key starting a run", async () => {
    const res = await api.request("POST", `/api/evaluations/v3/${world.suite.slug}/run`, {
      key: world.project.keys.read,
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("forbidden");
  });
});
