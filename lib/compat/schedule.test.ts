import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, startWorld, type Client, type World } from "./test-world";

let world: World;
let api: Client;

beforeAll(async () => {
  world = await startWorld("schedule");
  api = client(world.server, world.project.keys.run);
});
afterAll(() => world.close());

const path = (scenarioId: string) => `/api/v1/scenarios/${scenarioId}/schedule`;

describe("POST /api/v1/scenarios/{id}/schedule (Cognigy-style)", () => {
  it("runs one scenario N times on a target and reports its progress", async () => {
    const [greets] = world.suite.scenarioIds;
    const res = await api.request("POST", path(greets), {
      header: "authorization",
      body: {
        name: "nightly-greeting",
        number_of_executions: 3,
        run_config: { target_id: world.suite.targetIds[0], data: { locale: "en" } },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^srun_/),
      reference_id: "nightly-greeting",
      scenario_id: greets,
      target_id: world.suite.targetIds[0],
      status: expect.stringMatching(/^(pending|running|completed)$/),
      runs: 3,
      completed_runs: expect.any(Number),
      passed_runs: expect.any(Number),
      failed_runs: expect.any(Number),
      errored_runs: expect.any(Number),
      created_at: expect.any(String),
      started_at: res.body.started_at, // null until the worker starts it: a race with the reply
      completed_at: res.body.completed_at,
      url: expect.stringContaining(res.body.id),
    });

    const deadline = Date.now() + 15_000;
    let polled;
    do {
      await new Promise((r) => setTimeout(r, 200));
      polled = await api.request("GET", `${path(greets)}/${res.body.id}`);
      expect(polled.status).toBe(200);
    } while (polled.body.status !== "completed" && Date.now() < deadline);
    expect(polled.body).toMatchObject({
      status: "completed",
      runs: 3,
      completed_runs: 3,
      passed_runs: 3,
      failed_runs: 0,
      errored_runs: 0,
    });
    expect(polled.body.completed_at).not.toBeNull();

    const run = await api.request("GET", `/api/v1/suite-runs/${res.body.id}`);
    expect(run.body).toMatchObject({
      suite_id: null,
      suite_name: "nightly-greeting",
      trigger: "api",
    });
    expect(run.body.trigger_meta).toMatchObject({
      reference_id: "nightly-greeting",
      data: { locale: "en" },
    });
    expect(run.body.runs.map((r: any) => r.repeat_index)).toEqual([0, 1, 2]);
  });

  it("400 naming the bad field and its code", async () => {
    const [greets] = world.suite.scenarioIds;
    const cases: [unknown, string, string][] = [
      [
        { name: "x", number_of_executions: 0, run_config: { target_id: world.suite.targetIds[0] } },
        "number_of_executions",
        "too_small",
      ],
      [
        {
          name: "x",
          number_of_executions: 1001,
          run_config: { target_id: world.suite.targetIds[0] },
        },
        "number_of_executions",
        "too_big",
      ],
      [{ name: "x", number_of_executions: 1 }, "run_config", "invalid_type"],
      [
        {
          name: "x",
          number_of_executions: 1,
          run_config: { target_id: "tgt_01jh0000000000000000000000" },
        },
        "run_config.target_id",
        "not_found",
      ],
      [
        {
          name: "x",
          number_of_executions: 1,
          run_config: { target_id: world.suite.targetIds[0] },
          extra: 1,
        },
        "extra",
        "unknown_field",
      ],
    ];
    for (const [body, field, code] of cases) {
      const res = await api.request("POST", path(greets), { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.status).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    }
  });

  it("404 for an unknown scenario or schedule, 401 without a key", async () => {
    const body = {
      name: "x",
      number_of_executions: 1,
      run_config: { target_id: world.suite.targetIds[0] },
    };
    const unknown = await api.request("POST", path("scn_01jh0000000000000000000000"), { body });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("not_found");
    const malformed = await api.request("POST", path("nope"), { body });
    expect(malformed.status).toBe(404);
    const schedule = await api.request(
      "GET",
      `${path(world.suite.scenarioIds[0])}/srun_01jh0000000000000000000000`,
    );
    expect(schedule.status).toBe(404);
    const anonymous = await api.request("POST", path(world.suite.scenarioIds[0]), {
      key: null,
      body,
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("unauthorized");
  });
});
