import { beforeAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as scenarioRoute from "@/app/api/v1/scenarios/[id]/route";
import * as suitesRoute from "@/app/api/v1/suites/route";
import * as targetsRoute from "@/app/api/v1/targets/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { getDb } from "@/db/client";
import { scenarios } from "@/db/schema";

let a: TestProject;
let b: TestProject;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("scn-a"), createTestProject("scn-b")]);
});

const contains = { type: "contains", config: { values: ["refund"] } };
const basic = (over: Record<string, unknown> = {}) => ({
  name: "Refund policy",
  input: "Can I get a refund?",
  scorers: [contains],
  ...over,
});

const simulation = {
  persona: "An impatient customer",
  mission: "Get a refund for order 42",
  max_turns: 5,
  simulator: { base_url: "http://127.0.0.1:9/v1", model: "sim-1", api_key_secret: "SIM_KEY" },
  judge_criteria: ["The agent offers a refund"],
};

async function scenarioCount(projectId: string) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(scenarios)
    .where(eq(scenarios.projectId, projectId));
  return row.n;
}

async function create(project: TestProject, body: Record<string, unknown> = basic()) {
  const res = await call(scenariosRoute.POST, "POST", { key: project.keys.run, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const fields = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field).sort();

describe("scenarios API", () => {
  it("creates with scorer defaults and stores input as JSON of any shape", async () => {
    const s = await create(a, basic({ tags: ["billing"], expected_output: { ok: true } }));
    expect(s).toMatchObject({
      id: expect.stringMatching(/^scn_/),
      name: "Refund policy",
      description: null,
      tags: ["billing"],
      input: "Can I get a refund?",
      turns: null,
      simulation: null,
      expected_output: { ok: true },
      scorers: [
        { type: "contains", threshold: 1, applies_to: "final", config: { values: ["refund"] } },
      ],
      archived: false,
    });
    const obj = await create(
      a,
      basic({ input: { question: "refund?", order: [42] }, turns: ["hi", "and then?"] }),
    );
    expect(obj.input).toEqual({ question: "refund?", order: [42] });
    const [stored] = await getDb().execute(
      sql`select jsonb_typeof(input) as kind from scenarios where id = ${obj.id}`,
    );
    expect(stored.kind).toBe("object");
    const sim = await create(
      a,
      basic({
        simulation,
        scorers: [
          { ...contains, applies_to: "each_turn", threshold: 0.5, name: "mentions refund" },
        ],
      }),
    );
    expect(sim.simulation).toEqual(simulation);
    const got = await call(scenarioRoute.GET, "GET", { key: a.keys.read, params: { id: sim.id } });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(sim);
  });

  it("pages with a cursor and filters by tag, suite and name", async () => {
    const p = await createTestProject("scn-page");
    const one = await create(p, basic({ name: "Order status", tags: ["orders"] }));
    const two = await create(p, basic({ name: "Refund 100% (full)", tags: ["billing", "orders"] }));
    const three = await create(p, basic({ name: "Greeting" }));
    const first = await call(scenariosRoute.GET, "GET", { key: p.keys.read, query: { limit: 2 } });
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([three.id, two.id]);
    const second = await call(scenariosRoute.GET, "GET", {
      key: p.keys.read,
      query: { limit: 2, cursor: first.body.next_cursor },
    });
    expect(second.body).toMatchObject({
      data: [{ id: one.id }],
      has_more: false,
      next_cursor: null,
    });

    const ids = async (query: Record<string, string>) =>
      (await call(scenariosRoute.GET, "GET", { key: p.keys.read, query })).body.data.map(
        (s: { id: string }) => s.id,
      );
    expect(await ids({ tag: "orders" })).toEqual([two.id, one.id]);
    expect(await ids({ q: "REFUND" })).toEqual([two.id]);
    expect(await ids({ q: "_" })).toEqual([]);
    expect(await ids({ q: "100%" })).toEqual([two.id]);

    const target = await call(targetsRoute.POST, "POST", {
      key: p.keys.run,
      body: { name: "t", type: "http", config: { url: "http://127.0.0.1:9/" } },
    });
    const suite = await call(suitesRoute.POST, "POST", {
      key: p.keys.run,
      body: { name: "S", scenario_ids: [one.id, three.id], target_ids: [target.body.id] },
    });
    expect(await ids({ suite_id: suite.body.id })).toEqual([three.id, one.id]);
    expect(await ids({ suite_id: "suite_bogus" })).toEqual([]);

    await call(scenarioRoute.DELETE, "DELETE", { key: p.keys.run, params: { id: one.id } });
    expect(await ids({ tag: "orders" })).toEqual([two.id]);
    expect(await ids({ tag: "orders", include_archived: "true" })).toEqual([two.id, one.id]);
  });

  it("updates partially, switches turns for a simulation, and archives", async () => {
    const s = await create(a, basic({ turns: ["a", "b"] }));
    const both = await call(scenarioRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s.id },
      body: { simulation },
    });
    expect(both.status).toBe(422);
    expect(fields(both)).toEqual(["simulation"]);
    const swapped = await call(scenarioRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s.id },
      body: { turns: null, simulation, tags: ["sim"] },
    });
    expect(swapped.status).toBe(200);
    expect(swapped.body).toMatchObject({
      turns: null,
      simulation,
      tags: ["sim"],
      name: "Refund policy",
      input: s.input,
      scorers: s.scorers,
    });
    const archived = await call(scenarioRoute.DELETE, "DELETE", {
      key: a.keys.run,
      params: { id: s.id },
    });
    expect(archived.body).toEqual({ id: s.id, archived: true });
    expect(
      (await call(scenarioRoute.GET, "GET", { key: a.keys.read, params: { id: s.id } })).body
        .archived,
    ).toBe(true);
  });

  it("names every bad field with 422 and writes nothing", async () => {
    const before = await scenarioCount(a.id);
    const shape = await call(scenariosRoute.POST, "POST", {
      key: a.keys.run,
      body: { name: "", tags: "x", scorers: [], turns: [], extra: 1 },
    });
    expect(shape.status).toBe(422);
    expect(fields(shape)).toEqual(["extra", "input", "name", "scorers", "tags", "turns"]);

    const scorers = await call(scenariosRoute.POST, "POST", {
      key: a.keys.run,
      body: basic({
        scorers: [
          { type: "contains", config: { values: [] } },
          { type: "regex", config: { pattern: "(" } },
          {
            type: "contains",
            threshold: 2,
            applies_to: "sometimes",
            config: { values: ["x"] },
            weight: 1,
          },
          { type: "exact_match", config: {} },
        ],
      }),
    });
    expect(scorers.status).toBe(422);
    const scorerFields = fields(scorers);
    expect(scorerFields).toEqual([
      "scorers.2.applies_to",
      "scorers.2.threshold",
      "scorers.2.weight",
    ]);

    const configs = await call(scenariosRoute.POST, "POST", {
      key: a.keys.run,
      body: basic({
        scorers: [
          { type: "contains", config: { values: [] } },
          { type: "regex", config: { pattern: "(" } },
          { type: "exact_match", config: {} },
          { type: "telepathy", config: {} },
        ],
      }),
    });
    expect(configs.status).toBe(422);
    const configFields = fields(configs);
    expect(configFields).toContain("scorers.0.config.values");
    expect(configFields.some((f) => f.startsWith("scorers.1."))).toBe(true);
    expect(configFields).toContain("scorers.2.config.expected");
    expect(configFields.some((f) => f.startsWith("scorers.3."))).toBe(true);

    const sim = await call(scenariosRoute.POST, "POST", {
      key: a.keys.run,
      body: basic({
        simulation: {
          ...simulation,
          max_turns: 51,
          judge_criteria: [],
          simulator: { base_url: "nope", model: "m" },
        },
      }),
    });
    expect(fields(sim)).toEqual([
      "simulation.judge_criteria",
      "simulation.max_turns",
      "simulation.simulator.base_url",
    ]);
    const both = await call(scenariosRoute.POST, "POST", {
      key: a.keys.run,
      body: basic({ turns: ["hi"], simulation }),
    });
    expect(both.status).toBe(422);
    expect(fields(both)).toEqual(["turns"]);
    expect(await scenarioCount(a.id)).toBe(before);
  });

  it("accepts exact_match when expected_output is set, and checks it again on PATCH", async () => {
    const s = await create(
      a,
      basic({ expected_output: "Yes", scorers: [{ type: "exact_match", config: {} }] }),
    );
    const cleared = await call(scenarioRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s.id },
      body: { expected_output: null },
    });
    expect(cleared.status).toBe(422);
    expect(fields(cleared)).toEqual(["scorers.0.config.expected"]);
    const unknown = await call(scenarioRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s.id },
      body: { expectedOutput: "x" },
    });
    expect(fields(unknown)).toEqual(["expectedOutput"]);
    const badScorer = await call(scenarioRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s.id },
      body: { scorers: [{ type: "contains", config: {} }] },
    });
    expect(badScorer.status).toBe(422);
    expect(fields(badScorer)[0]).toMatch(/^scorers\.0\.config/);
    expect(
      (await call(scenarioRoute.GET, "GET", { key: a.keys.read, params: { id: s.id } })).body,
    ).toEqual(s);
  });

  it("answers 400 for malformed JSON and 413 over 1 MB", async () => {
    const before = await scenarioCount(a.id);
    expect(
      (await call(scenariosRoute.POST, "POST", { key: a.keys.run, rawBody: "{" })).status,
    ).toBe(400);
    const huge = await call(scenariosRoute.POST, "POST", {
      key: a.keys.run,
      body: basic({ input: "x".repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe("payload_too_large");
    expect(await scenarioCount(a.id)).toBe(before);
  });

  it("answers 404 across projects and for malformed ids, and 403 to a read key on writes", async () => {
    const s = await create(a);
    const before = await scenarioCount(a.id);
    for (const [key, id] of [
      [b.keys.run, s.id],
      [a.keys.run, "scn_123"],
      [a.keys.run, "tgt_01jh0000000000000000000000"],
    ]) {
      expect((await call(scenarioRoute.GET, "GET", { key, params: { id } })).status).toBe(404);
      expect(
        (await call(scenarioRoute.PATCH, "PATCH", { key, params: { id }, body: { name: "x" } }))
          .status,
      ).toBe(404);
      expect((await call(scenarioRoute.DELETE, "DELETE", { key, params: { id } })).status).toBe(
        404,
      );
    }
    const read = a.keys.read;
    expect((await call(scenariosRoute.POST, "POST", { key: read, body: basic() })).status).toBe(
      403,
    );
    expect(
      (
        await call(scenarioRoute.PATCH, "PATCH", {
          key: read,
          params: { id: s.id },
          body: { name: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(scenarioRoute.DELETE, "DELETE", { key: read, params: { id: s.id } })).status,
    ).toBe(403);
    expect(await scenarioCount(a.id)).toBe(before);
    expect(
      (await call(scenarioRoute.GET, "GET", { key: read, params: { id: s.id } })).body,
    ).toEqual(s);
    const list = await call(scenariosRoute.GET, "GET", { key: b.keys.read });
    expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(s.id);
  });
});
