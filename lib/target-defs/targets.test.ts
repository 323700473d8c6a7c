import { beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import * as targetsRoute from "@/app/api/v1/targets/route";
import * as targetRoute from "@/app/api/v1/targets/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { getDb } from "@/db/client";
import { auditLog, targets } from "@/db/schema";

let a: TestProject;
let b: TestProject;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("tgt-a"), createTestProject("tgt-b")]);
});

const httpTarget = (over: Record<string, unknown> = {}) => ({
  name: "Support bot",
  type: "http",
  config: {
    url: "http://127.0.0.1:9/chat",
    headers: { authorization: "Bearer {{secrets.TOKEN}}" },
  },
  ...over,
});

async function targetCount(projectId: string) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(targets)
    .where(eq(targets.projectId, projectId));
  return row.n;
}

async function create(project: TestProject, body: Record<string, unknown> = httpTarget()) {
  const res = await call(targetsRoute.POST, "POST", { key: project.keys.run, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const fields = (body: { errors?: { field: string }[] }) =>
  (body.errors ?? []).map((e) => e.field).sort();

describe("targets API", () => {
  it("creates with defaults and reads back the config as written (secrets unexpanded)", async () => {
    const created = await create(a);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^tgt_/),
      name: "Support bot",
      type: "http",
      description: null,
      timeout_ms: 30000,
      retries: 2,
      max_concurrency: null,
      rate_limit_per_s: null,
      archived: false,
    });
    expect(created.config.headers.authorization).toBe("Bearer {{secrets.TOKEN}}");
    const got = await call(targetRoute.GET, "GET", {
      key: a.keys.read,
      params: { id: created.id },
    });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created);
  });

  it("pages newest first with a cursor, filters by type and hides archived targets", async () => {
    const p = await createTestProject("tgt-page");
    const ids: string[] = [];
    for (const name of ["one", "two", "three"])
      ids.push((await create(p, httpTarget({ name }))).id);
    const code = await create(p, {
      name: "fn",
      type: "code",
      config: { source: "export default async function (input) { return input }" },
    });
    const first = await call(targetsRoute.GET, "GET", {
      key: p.keys.read,
      query: { limit: 2, type: "http" },
    });
    expect(first.body.data.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.has_more).toBe(true);
    const second = await call(targetsRoute.GET, "GET", {
      key: p.keys.read,
      query: { limit: 2, type: "http", cursor: first.body.next_cursor },
    });
    expect(second.body).toMatchObject({
      data: [{ id: ids[0] }],
      has_more: false,
      next_cursor: null,
    });

    await call(targetRoute.DELETE, "DELETE", { key: p.keys.run, params: { id: ids[1] } });
    const active = await call(targetsRoute.GET, "GET", { key: p.keys.read });
    expect(active.body.data.map((t: { id: string }) => t.id)).toEqual([code.id, ids[2], ids[0]]);
    const all = await call(targetsRoute.GET, "GET", {
      key: p.keys.read,
      query: { include_archived: "true" },
    });
    expect(all.body.data).toHaveLength(4);
  });

  it("updates partially and archives", async () => {
    const t = await create(a);
    const patched = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: t.id },
      body: { name: "Renamed", retries: 0, description: "d" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Renamed",
      retries: 0,
      description: "d",
      timeout_ms: 30000,
      config: t.config,
    });
    expect(Date.parse(patched.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(t.updated_at));
    const archived = await call(targetRoute.DELETE, "DELETE", {
      key: a.keys.run,
      params: { id: t.id },
    });
    expect(archived.body).toEqual({ id: t.id, archived: true });
    const got = await call(targetRoute.GET, "GET", { key: a.keys.read, params: { id: t.id } });
    expect(got.body.archived).toBe(true);
    const entries = await getDb()
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(eq(auditLog.resourceId, t.id))
      .orderBy(asc(auditLog.id));
    expect(entries.map((e) => e.action)).toEqual([
      "target.created",
      "target.updated",
      "target.archived",
    ]);
  });

  it("names every bad field with 422 and writes nothing", async () => {
    const before = await targetCount(a.id);
    const bad = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: {
        name: 5,
        type: "http",
        config: {},
        timeout_ms: 50,
        retries: 11,
        rate_limit_per_s: 0,
        max_concurrency: 1.5,
        color: "red",
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe("validation_failed");
    expect(fields(bad.body)).toEqual([
      "color",
      "max_concurrency",
      "name",
      "rate_limit_per_s",
      "retries",
      "timeout_ms",
    ]);

    const badType = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: httpTarget({ type: "ftp" }),
    });
    expect(fields(badType.body)).toEqual(["type"]);

    const badConfig = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: httpTarget({ config: { url: "ftp://x", extra: 1 } }),
    });
    expect(badConfig.status).toBe(422);
    expect(fields(badConfig.body)).toEqual(["config.extra", "config.url"]);

    const badPrompt = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: { name: "p", type: "prompt", config: { model: "m" } },
    });
    expect(badPrompt.status).toBe(422);
    expect(fields(badPrompt.body)).toContain("config.base_url");
    expect(await targetCount(a.id)).toBe(before);
  });

  it("requires workflow steps to be targets of the same project", async () => {
    const mine = await create(a);
    const theirs = await create(b);
    const before = await targetCount(a.id);
    const res = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: {
        name: "wf",
        type: "workflow",
        config: { steps: [mine.id, theirs.id, "tgt_01jh0000000000000000000000"] },
      },
    });
    expect(res.status).toBe(422);
    expect(fields(res.body)).toEqual(["config.steps.1", "config.steps.2"]);
    expect(await targetCount(a.id)).toBe(before);

    const wf = await create(a, { name: "wf", type: "workflow", config: { steps: [mine.id] } });
    const outer = await create(a, {
      name: "outer",
      type: "workflow",
      config: { steps: [wf.id, mine.id] },
    });
    const cycle = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: wf.id },
      body: { config: { steps: [mine.id, outer.id] } },
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.field).toBe("config.steps.1");
  });

  it("refuses a type change, unknown fields and a bad config on PATCH", async () => {
    const t = await create(a);
    const typeChange = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: t.id },
      body: { type: "code" },
    });
    expect(typeChange.status).toBe(422);
    expect(typeChange.body.field).toBe("type");
    const unknown = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: t.id },
      body: { colour: "red" },
    });
    expect(unknown.status).toBe(422);
    expect(fields(unknown.body)).toEqual(["colour"]);
    const badConfig = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: t.id },
      body: { config: { url: 3 } },
    });
    expect(fields(badConfig.body)).toEqual(["config.url"]);
    const same = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: t.id },
      body: { type: "http" },
    });
    expect(same.status).toBe(200);
    const got = await call(targetRoute.GET, "GET", { key: a.keys.read, params: { id: t.id } });
    expect(got.body.config).toEqual(t.config);
  });

  it("answers 400 for malformed JSON and 413 for bodies over 1 MB", async () => {
    const before = await targetCount(a.id);
    const malformed = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      rawBody: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe("invalid_json");
    const huge = await call(targetsRoute.POST, "POST", {
      key: a.keys.run,
      body: httpTarget({ description: "x".repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    const t = await create(a);
    const hugePatch = await call(targetRoute.PATCH, "PATCH", {
      key: a.keys.run,
      params: { id: t.id },
      body: { description: "x".repeat(1_100_000) },
    });
    expect(hugePatch.status).toBe(413);
    expect(await targetCount(a.id)).toBe(before + 1);
  });

  it("answers 404 for malformed ids and for another project's targets, on every verb", async () => {
    const t = await create(a);
    for (const [key, id] of [
      [b.keys.run, t.id],
      [a.keys.run, "tgt_nope"],
      [a.keys.run, "scn_01jh0000000000000000000000"],
    ]) {
      expect((await call(targetRoute.GET, "GET", { key, params: { id } })).status).toBe(404);
      expect(
        (await call(targetRoute.PATCH, "PATCH", { key, params: { id }, body: { name: "x" } }))
          .status,
      ).toBe(404);
      expect((await call(targetRoute.DELETE, "DELETE", { key, params: { id } })).status).toBe(404);
    }
    const list = await call(targetsRoute.GET, "GET", { key: b.keys.read });
    expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(t.id);
    const got = await call(targetRoute.GET, "GET", { key: a.keys.read, params: { id: t.id } });
    expect(got.body).toMatchObject({ name: "Support bot", archived: false });
  });

  it("answers 403 to a read key on every write", async () => {
    const t = await create(a);
    const before = await targetCount(a.id);
    expect(
      (await call(targetsRoute.POST, "POST", { key: a.keys.read, body: httpTarget() })).status,
    ).toBe(403);
    expect(
      (
        await call(targetRoute.PATCH, "PATCH", {
          key: a.keys.read,
          params: { id: t.id },
          body: { name: "x" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(targetRoute.DELETE, "DELETE", { key: a.keys.read, params: { id: t.id } })).status,
    ).toBe(403);
    expect(await targetCount(a.id)).toBe(before);
    const got = await call(targetRoute.GET, "GET", { key: a.keys.read, params: { id: t.id } });
    expect(got.body).toMatchObject({ name: "Support bot", archived: false });
  });
});
