import { beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray } from "drizzle-orm";
import * as suitesRoute from "@/app/api/v1/suites/route";
import * as suiteRoute from "@/app/api/v1/suites/[id]/route";
import * as duplicateRoute from "@/app/api/v1/suites/[id]/duplicate/route";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as targetsRoute from "@/app/api/v1/targets/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { getDb } from "@/db/client";
import { suiteScenarios, suites } from "@/db/schema";
import { resolveSuite } from "./service";

type Fixture = TestProject & { scenarios: string[]; targets: string[] };
let a: Fixture;
let b: Fixture;

async function scenario(p: TestProject, name: string): Promise<string> {
  const res = await call(scenariosRoute.POST, "POST", {
    key: p.keys.run,
    body: { name, input: "hi", scorers: [{ type: "contains", config: { values: ["hello"] } }] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function target(p: TestProject, name: string): Promise<string> {
  const res = await call(targetsRoute.POST, "POST", {
    key: p.keys.run,
    body: { name, type: "http", config: { url: "http://127.0.0.1:9/chat" } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function fixture(label: string): Promise<Fixture> {
  const p = await createTestProject(label);
  const scenarios = [await scenario(p, "s1"), await scenario(p, "s2"), await scenario(p, "s3")];
  const targets = [await target(p, "t1"), await target(p, "t2")];
  return { ...p, scenarios, targets };
}

beforeAll(async () => {
  [a, b] = await Promise.all([fixture("suite-a"), fixture("suite-b")]);
});

const body = (f: Fixture, over: Record<string, unknown> = {}) => ({
  name: "Checkout bot",
  scenario_ids: [f.scenarios[2], f.scenarios[0], f.scenarios[1]],
  target_ids: [f.targets[1], f.targets[0]],
  ...over,
});

async function create(f: Fixture, over: Record<string, unknown> = {}) {
  const res = await call(suitesRoute.POST, "POST", { key: f.keys.run, body: body(f, over) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function rowCounts(projectId: string) {
  const db = getDb();
  const [s] = await db.select({ n: count() }).from(suites).where(eq(suites.projectId, projectId));
  const ids = (
    await db.select({ id: suites.id }).from(suites).where(eq(suites.projectId, projectId))
  ).map((r) => r.id);
  const [l] = ids.length
    ? await db
        .select({ n: count() })
        .from(suiteScenarios)
        .where(inArray(suiteScenarios.suiteId, ids))
    : [{ n: 0 }];
  return { suites: s.n, links: l.n };
}

const fields = (res: { body: { errors?: { field: string }[] } }) =>
  (res.body.errors ?? []).map((e) => e.field).sort();

describe("suites API: create and read", () => {
  it("creates with defaults, a generated slug and links in the given order", async () => {
    const s = await create(a, {
      labels: ["smoke"],
      schedule: { cron: "*/15 9-17 * * 1-5", timezone: "Europe/Paris" },
    });
    expect(s).toMatchObject({
      id: expect.stringMatching(/^suite_/),
      slug: expect.stringMatching(/^checkout-bot/),
      description: null,
      repeat_count: 1,
      pass_threshold: 1,
      max_concurrency: null,
      labels: ["smoke"],
      schedule: { cron: "*/15 9-17 * * 1-5", timezone: "Europe/Paris" },
      archived: false,
      scenario_ids: [a.scenarios[2], a.scenarios[0], a.scenarios[1]],
      target_ids: [a.targets[1], a.targets[0]],
      scenario_count: 3,
      target_count: 2,
      last_run: null,
      trend: [],
    });
    expect(s.scenarios).toEqual([
      { id: a.scenarios[2], name: "s3", archived: false },
      { id: a.scenarios[0], name: "s1", archived: false },
      { id: a.scenarios[1], name: "s2", archived: false },
    ]);
    expect(s.targets).toEqual([
      { id: a.targets[1], name: "t2", type: "http", archived: false },
      { id: a.targets[0], name: "t1", type: "http", archived: false },
    ]);
    const byId = await call(suiteRoute.GET, "GET", { key: a.keys.read, params: { id: s.id } });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(s);
    const bySlug = await call(suiteRoute.GET, "GET", { key: a.keys.read, params: { id: s.slug } });
    expect(bySlug.body).toEqual(s);
  });

  it("makes generated slugs unique and refuses a taken explicit slug with 409", async () => {
    const p = await fixture("suite-slug");
    const first = await create(p, { name: "Café Bot — Smoke!" });
    const second = await create(p, { name: "Café Bot — Smoke!" });
    expect(first.slug).toBe("cafe-bot-smoke");
    expect(second.slug).toBe("cafe-bot-smoke-2");
    const before = await rowCounts(p.id);
    const taken = await call(suitesRoute.POST, "POST", {
      key: p.keys.run,
      body: body(p, { slug: "cafe-bot-smoke" }),
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: "conflict", field: "slug" });
    expect(await rowCounts(p.id)).toEqual(before);
    const explicit = await create(p, { slug: "my-suite" });
    expect(explicit.slug).toBe("my-suite");
  });

  it("lists newest first with a cursor, filters by label and name, hides archived suites", async () => {
    const p = await fixture("suite-list");
    const s1 = await create(p, { name: "Alpha", labels: ["nightly"] });
    const s2 = await create(p, { name: "Beta 100%", labels: ["smoke", "nightly"] });
    const s3 = await create(p, { name: "Gamma" });
    const first = await call(suitesRoute.GET, "GET", { key: p.keys.read, query: { limit: 2 } });
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([s3.id, s2.id]);
    expect(first.body.data[0]).toMatchObject({
      scenario_count: 3,
      target_count: 2,
      scenario_ids: s3.scenario_ids,
    });
    expect(first.body.data[0].scenarios).toBeUndefined();
    const second = await call(suitesRoute.GET, "GET", {
      key: p.keys.read,
      query: { limit: 2, cursor: first.body.next_cursor },
    });
    expect(second.body).toMatchObject({
      data: [{ id: s1.id }],
      has_more: false,
      next_cursor: null,
    });

    const ids = async (query: Record<string, string>) =>
      (await call(suitesRoute.GET, "GET", { key: p.keys.read, query })).body.data.map(
        (s: { id: string }) => s.id,
      );
    expect(await ids({ label: "nightly" })).toEqual([s2.id, s1.id]);
    expect(await ids({ q: "alp" })).toEqual([s1.id]);
    expect(await ids({ q: "100%" })).toEqual([s2.id]);
    expect(await ids({ q: "%" })).toEqual([s2.id]);
    await call(suiteRoute.DELETE, "DELETE", { key: p.keys.run, params: { id: s2.id } });
    expect(await ids({})).toEqual([s3.id, s1.id]);
    expect(await ids({ include_archived: "true" })).toEqual([s3.id, s2.id, s1.id]);
  });

  it("exports resolveSuite for the engine: by id or slug, ordered ids, 404 across projects", async () => {
    const s = await create(a);
    const db = getDb();
    const bySlug = await resolveSuite(db, { projectId: a.id, idOrSlug: s.slug });
    expect(bySlug).toMatchObject({
      id: s.id,
      slug: s.slug,
      repeatCount: 1,
      scenarioIds: s.scenario_ids,
      targetIds: s.target_ids,
    });
    expect((await resolveSuite(db, { projectId: a.id, idOrSlug: s.id })).id).toBe(s.id);
    await expect(resolveSuite(db, { projectId: b.id, idOrSlug: s.id })).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(resolveSuite(db, { projectId: a.id, idOrSlug: "No Such!" })).rejects.toMatchObject(
      { code: "not_found" },
    );
  });
});

describe("suites API: update, archive, duplicate", () => {
  it("updates by slug, replaces links in the new order and keeps the rest", async () => {
    const s = await create(a, { repeat_count: 3, labels: ["x"] });
    const patched = await call(suiteRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s.slug },
      body: {
        scenario_ids: [a.scenarios[1]],
        pass_threshold: 0.8,
        slug: `${s.slug}-renamed`,
        schedule: null,
      },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      id: s.id,
      slug: `${s.slug}-renamed`,
      scenario_ids: [a.scenarios[1]],
      target_ids: s.target_ids,
      scenario_count: 1,
      pass_threshold: 0.8,
      repeat_count: 3,
      labels: ["x"],
      schedule: null,
    });
    expect(patched.body.scenarios).toEqual([{ id: a.scenarios[1], name: "s2", archived: false }]);
    const old = await call(suiteRoute.GET, "GET", { key: a.keys.read, params: { id: s.slug } });
    expect(old.status).toBe(404);
  });

  it("refuses a PATCH to a taken slug, unknown fields and bad references", async () => {
    const s1 = await create(a);
    const s2 = await create(a);
    const taken = await call(suiteRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s2.id },
      body: { slug: s1.slug },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.field).toBe("slug");
    const unknown = await call(suiteRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s2.id },
      body: { scenarios: [] },
    });
    expect(unknown.status).toBe(422);
    expect(fields(unknown)).toEqual(["scenarios"]);
    const refs = await call(suiteRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: s2.id },
      body: { target_ids: [a.targets[0], b.targets[0]] },
    });
    expect(refs.status).toBe(422);
    expect(fields(refs)).toEqual(["target_ids.1"]);
    const got = await call(suiteRoute.GET, "GET", { key: a.keys.read, params: { id: s2.id } });
    expect(got.body).toMatchObject({ slug: s2.slug, target_ids: s2.target_ids });
  });

  it("archives by id or slug", async () => {
    const s = await create(a);
    const res = await call(suiteRoute.DELETE, "DELETE", {
      key: a.keys.run,
      params: { id: s.slug },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: s.id, archived: true });
    const got = await call(suiteRoute.GET, "GET", { key: a.keys.read, params: { id: s.id } });
    expect(got.body.archived).toBe(true);
  });

  it("duplicates as '<name> (copy)' with a fresh slug, the same links and no schedule", async () => {
    const p = await fixture("suite-dup");
    const s = await create(p, {
      name: "Refunds",
      schedule: { cron: "0 3 * * *", timezone: "UTC" },
      repeat_count: 2,
    });
    const copy = await call(duplicateRoute.POST, "POST", {
      key: p.keys.run,
      params: { id: s.slug },
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: "Refunds (copy)",
      slug: "refunds-copy",
      scenario_ids: s.scenario_ids,
      target_ids: s.target_ids,
      repeat_count: 2,
      schedule: null,
      archived: false,
    });
    expect(copy.body.id).not.toBe(s.id);
    const again = await call(duplicateRoute.POST, "POST", {
      key: p.keys.run,
      params: { id: s.id },
    });
    expect(again.body).toMatchObject({ name: "Refunds (copy)", slug: "refunds-copy-2" });
  });
});
