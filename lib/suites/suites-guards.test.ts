import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import * as suitesRoute from "@/app/api/v1/suites/route";
import * as suiteRoute from "@/app/api/v1/suites/[id]/route";
import * as duplicateRoute from "@/app/api/v1/suites/[id]/duplicate/route";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as targetsRoute from "@/app/api/v1/targets/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { getDb } from "@/db/client";
import { suiteRuns, suites } from "@/db/schema";
import { newId } from "@/lib/ids";
import { cronError, isTimeZone } from "./cron";

type Fixture = TestProject & { scenario: string; target: string };
let a: Fixture;
let b: Fixture;

async function fixture(label: string): Promise<Fixture> {
  const p = await createTestProject(label);
  const scn = await call(scenariosRoute.POST, "POST", {
    key: p.keys.run,
    body: {
      name: "s",
      input: { q: 1 },
      scorers: [{ type: "contains", config: { values: ["x"] } }],
    },
  });
  const tgt = await call(targetsRoute.POST, "POST", {
    key: p.keys.run,
    body: { name: "t", type: "http", config: { url: "http://127.0.0.1:9/" } },
  });
  expect([scn.status, tgt.status]).toEqual([201, 201]);
  return { ...p, scenario: scn.body.id, target: tgt.body.id };
}

beforeAll(async () => {
  [a, b] = await Promise.all([fixture("suite-g-a"), fixture("suite-g-b")]);
});

const valid = (f: Fixture) => ({
  name: "Gate",
  scenario_ids: [f.scenario],
  target_ids: [f.target],
});

async function suiteCount(projectId: string) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(suites)
    .where(eq(suites.projectId, projectId));
  return row.n;
}

async function post(body: unknown) {
  return call(suitesRoute.POST, "POST", { key: a.keys.run, body });
}

const fields = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field).sort();

describe("cron and time zone checks", () => {
  it("accepts numbers, ranges, steps, lists and *", () => {
    for (const cron of [
      "* * * * *",
      "*/5 * * * *",
      "0 9 * * 1-5",
      "0,30 8-18/2 1 1,6 0,7",
      " 59 23 31 12 7 ",
    ]) {
      expect(cronError(cron), cron).toBeNull();
    }
  });

  it("rejects wrong field counts, out-of-range values, zero steps, backwards ranges and names", () => {
    for (const cron of [
      "* * * *",
      "* * * * * *",
      "60 * * * *",
      "* 24 * * *",
      "* * 0 * *",
      "* * * 13 *",
      "* * * * 8",
      "*/0 * * * *",
      "5-1 * * * *",
      "a * * * *",
      "1-2-3 * * * *",
      "* * * JAN *",
      "1,,2 * * * *",
      "*/5/2 * * * *",
      "",
    ]) {
      expect(cronError(cron), cron).not.toBeNull();
    }
  });

  it("knows IANA zones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("suites API: rejected requests write nothing", () => {
  it("names each bad field with 422", async () => {
    const before = await suiteCount(a.id);
    const types = await post({
      name: 3,
      scenario_ids: "x",
      target_ids: [],
      repeat_count: 0,
      pass_threshold: 1.5,
      max_concurrency: 0,
      labels: [1],
      slug: "Bad Slug",
      color: "red",
    });
    expect(types.status).toBe(422);
    expect(fields(types)).toEqual([
      "color",
      "labels.0",
      "max_concurrency",
      "name",
      "pass_threshold",
      "repeat_count",
      "scenario_ids",
      "slug",
      "target_ids",
    ]);

    const cron = await post({
      ...valid(a),
      schedule: { cron: "61 * * * *", timezone: "Nowhere/City" },
    });
    expect(fields(cron)).toEqual(["schedule.cron", "schedule.timezone"]);
    const cronShape = await post({
      ...valid(a),
      schedule: { cron: "* * *", timezone: "UTC", every: 1 },
    });
    expect(fields(cronShape)).toEqual(["schedule.cron", "schedule.every"]);
    expect(
      cronShape.body.errors.find((e: { field: string }) => e.field === "schedule.cron").message,
    ).toMatch(/5 fields/);

    const missing = await post({
      ...valid(a),
      scenario_ids: [a.scenario, "scn_01jh0000000000000000000000", b.scenario, "not-an-id"],
      target_ids: [b.target],
    });
    expect(missing.status).toBe(422);
    expect(fields(missing)).toEqual([
      "scenario_ids.1",
      "scenario_ids.2",
      "scenario_ids.3",
      "target_ids.0",
    ]);

    const dupes = await post({ ...valid(a), scenario_ids: [a.scenario, a.scenario] });
    expect(fields(dupes)).toEqual(["scenario_ids.1"]);
    expect(await suiteCount(a.id)).toBe(before);
  });

  it("answers 400 for malformed JSON and 413 over 1 MB", async () => {
    const before = await suiteCount(a.id);
    const malformed = await call(suitesRoute.POST, "POST", {
      key: a.keys.run,
      rawBody: "{'name': 1}",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("invalid_json");
    const huge = await post({ ...valid(a), description: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(await suiteCount(a.id)).toBe(before);
  });

  it("answers 404 for another project's suite and malformed ids, on every verb", async () => {
    const s = (await post(valid(a))).body;
    const before = await suiteCount(b.id);
    for (const [key, id] of [
      [b.keys.run, s.id],
      [b.keys.run, s.slug],
      [a.keys.run, "suite_nope"],
      [a.keys.run, "Not A Slug!"],
      [a.keys.run, "no-such-suite"],
    ]) {
      expect((await call(suiteRoute.GET, "GET", { key, params: { id } })).status, id).toBe(404);
      expect(
        (await call(suiteRoute.PATCH, "PATCH", { key, params: { id }, body: { name: "x" } }))
          .status,
        id,
      ).toBe(404);
      expect((await call(suiteRoute.DELETE, "DELETE", { key, params: { id } })).status, id).toBe(
        404,
      );
      expect((await call(duplicateRoute.POST, "POST", { key, params: { id } })).status, id).toBe(
        404,
      );
    }
    expect(await suiteCount(b.id)).toBe(before);
    const got = await call(suiteRoute.GET, "GET", { key: a.keys.read, params: { id: s.id } });
    expect(got.body).toMatchObject({ name: "Gate", archived: false });
  });

  it("answers 403 to a read key on every write", async () => {
    const s = (await post(valid(a))).body;
    const before = await suiteCount(a.id);
    const key = a.keys.read;
    expect((await call(suitesRoute.POST, "POST", { key, body: valid(a) })).status).toBe(403);
    expect(
      (await call(suiteRoute.PATCH, "PATCH", { key, params: { id: s.id }, body: { name: "x" } }))
        .status,
    ).toBe(403);
    expect((await call(suiteRoute.DELETE, "DELETE", { key, params: { id: s.id } })).status).toBe(
      403,
    );
    expect((await call(duplicateRoute.POST, "POST", { key, params: { id: s.id } })).status).toBe(
      403,
    );
    expect(await suiteCount(a.id)).toBe(before);
    const got = await call(suiteRoute.GET, "GET", { key, params: { id: s.id } });
    expect(got.body).toMatchObject({ name: "Gate", archived: false });
  });
});

describe("suites API: last run and trend", () => {
  it("shows the latest run and the pass rates of the last 10 terminal runs, oldest first", async () => {
    const p = await fixture("suite-trend");
    const create = async (name: string) =>
      (await call(suitesRoute.POST, "POST", { key: p.keys.run, body: { ...valid(p), name } })).body;
    const busy = await create("busy");
    const idle = await create("idle");
    const rows: (typeof suiteRuns.$inferInsert)[] = [];
    // 12 terminal runs passing min(i, 10) of 10 judged, one fully cancelled (no rate), one running.
    for (let i = 0; i < 12; i++) {
      const passedCount = Math.min(i, 10);
      rows.push({
        id: newId("suiteRun"),
        projectId: p.id,
        suiteId: busy.id,
        trigger: "api",
        status: "failed",
        totalRuns: 12,
        passedCount,
        cancelledCount: 2,
      });
    }
    rows.push({
      id: newId("suiteRun"),
      projectId: p.id,
      suiteId: busy.id,
      trigger: "api",
      status: "cancelled",
      totalRuns: 4,
      cancelledCount: 4,
    });
    const running = newId("suiteRun");
    rows.push({
      id: running,
      projectId: p.id,
      suiteId: busy.id,
      trigger: "ui",
      status: "running",
      totalRuns: 10,
      passedCount: 5,
    });
    await getDb().insert(suiteRuns).values(rows);

    const list = await call(suitesRoute.GET, "GET", { key: p.keys.read });
    const byId = new Map(list.body.data.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(busy.id)).toMatchObject({
      last_run: {
        id: running,
        status: "running",
        pass_rate: 0.5,
        created_at: expect.stringMatching(/Z$/),
      },
      trend: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1],
    });
    expect(byId.get(idle.id)).toMatchObject({ last_run: null, trend: [] });
    const detail = await call(suiteRoute.GET, "GET", {
      key: p.keys.read,
      params: { id: busy.slug },
    });
    expect(detail.body.last_run.id).toBe(running);
    expect(detail.body.trend).toHaveLength(10);
  });
});
