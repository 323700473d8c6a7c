import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSuite } from "@/lib/test/seed";
import { client, startWorld, type Client, type World } from "./test-world";

let world: World;
let api: Client;

beforeAll(async () => {
  world = await startWorld("lw-suites");
  api = client(world.server, world.project.keys.run);
});
afterAll(() => world.close());

describe("POST /api/suites/{id}/run (LangWatch)", () => {
  it("schedules every scenario × target and answers LangWatch's exact shape", async () => {
    const res = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, { body: {} });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(Object.keys(res.body).sort()).toEqual(
      ["batchRunId", "items", "jobCount", "scheduled", "setId", "skippedArchived"].sort(),
    );
    expect(res.body).toMatchObject({
      scheduled: true,
      batchRunId: expect.stringMatching(/^srun_/),
      setId: world.suite.suiteId,
      jobCount: 6,
      skippedArchived: { scenarios: [], targets: [] },
    });
    expect(res.body.items).toHaveLength(6);
    expect(res.body.items[0]).toEqual({
      scenarioRunId: expect.stringMatching(/^run_/),
      scenarioId: world.suite.scenarioIds[0],
      target: { type: "http", referenceId: world.suite.targetIds[0] },
      name: "greets",
    });
    expect(new Set(res.body.items.map((i: any) => i.name))).toEqual(
      new Set(["greets", "refunds", "explodes"]),
    );
    // batchRunId is a real suite run, readable through /api/v1
    const run = await api.request("GET", `/api/v1/suite-runs/${res.body.batchRunId}`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      suite_id: world.suite.suiteId,
      total_runs: 6,
      trigger: "api",
    });
    expect(run.body.runs.map((r: any) => r.id).sort()).toEqual(
      res.body.items.map((i: any) => i.scenarioRunId).sort(),
    );
  });

  it("takes the suite's slug and an empty body", async () => {
    const res = await api.request("POST", `/api/suites/${world.suite.slug}/run`);
    expect(res.status).toBe(200);
    expect(res.body.setId).toBe(world.suite.suiteId);
  });

  it("replays the first response for a repeated idempotencyKey", async () => {
    const body = { idempotencyKey: `lw-${Date.now()}` };
    const first = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, { body });
    const again = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, { body });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");

    const reused = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, {
      body: `{"idempotencyKey": "${body.idempotencyKey}" }`,
    });
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({
      error: "idempotency_key_reused",
      message: expect.any(String),
    });
  });

  it("reports archived scenarios as skipped", async () => {
    const seeded = await seedSuite({
      projectId: world.project.id,
      url: world.agent.url,
      scenarios: [
        { name: "live", input: "hi", scorers: [{ type: "contains", config: { values: ["hi"] } }] },
        {
          name: "old",
          input: "x",
          archived: true,
          scorers: [{ type: "contains", config: { values: ["x"] } }],
        },
      ],
    });
    const res = await api.request("POST", `/api/suites/${seeded.suiteId}/run`);
    expect(res.status).toBe(200);
    expect(res.body.jobCount).toBe(1);
    expect(res.body.skippedArchived).toEqual({ scenarios: [seeded.scenarioIds[1]], targets: [] });
  });

  it("401 with {error, message} without a valid key (X-Auth-Token)", async () => {
    for (const key of [null, "assay_wrong"]) {
      const res = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, { key });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: "unauthorized",
        message: expect.any(String),
        traceId: expect.any(String),
      });
      expect(res.headers.get("content-type")).toContain("application/json");
    }
  });

  it("404 for an unknown suite", async () => {
    const res = await api.request("POST", "/api/suites/suite_01jh0000000000000000000000/run");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: "not_found", message: "Suite not found" });
  });

  it("400 when every scenario is archived, and for malformed JSON", async () => {
    const seeded = await seedSuite({
      projectId: world.project.id,
      url: world.agent.url,
      scenarios: [
        { input: "x", archived: true, scorers: [{ type: "contains", config: { values: ["x"] } }] },
      ],
    });
    const archived = await api.request("POST", `/api/suites/${seeded.suiteId}/run`);
    expect(archived.status).toBe(400);
    expect(archived.body).toMatchObject({
      error: "bad_request",
      message: expect.stringContaining("archived"),
    });

    const malformed = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, {
      body: "{nope",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe("invalid_json");
  });

  it("422 naming the field for a bad or unknown field", async () => {
    const res = await api.request("POST", `/api/suites/${world.suite.suiteId}/run`, {
      body: { idempotencyKey: 5, extra: true },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe("validation_failed");
    expect(res.body.errors.map((e: any) => e.field).sort()).toEqual(["extra", "idempotencyKey"]);
  });
});
