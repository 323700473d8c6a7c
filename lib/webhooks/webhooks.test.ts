import { beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
import * as webhookRoute from "@/app/api/v1/webhooks/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { getDb } from "@/db/client";
import { webhooks } from "@/db/schema";
import { decrypt } from "@/lib/crypto";

let a: TestProject;
let b: TestProject;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("whk-a"), createTestProject("whk-b")]);
});

const hook = { url: "https://hooks.example.com/assay", events: ["suite_run.completed"] };

async function webhookCount(projectId: string) {
  const [row] = await getDb()
    .select({ n: count() })
    .from(webhooks)
    .where(eq(webhooks.projectId, projectId));
  return row.n;
}

async function create(project: TestProject, body: Record<string, unknown> = hook) {
  const res = await call(webhooksRoute.POST, "POST", { key: project.keys.admin, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const fields = (body: { errors?: { field: string }[] }) =>
  (body.errors ?? []).map((e) => e.field).sort();

describe("webhooks API", () => {
  it("generates a signing secret, stores it encrypted and shows it only once", async () => {
    const created = await create(a);
    expect(created).toEqual({
      id: expect.stringMatching(/^whk_/),
      url: hook.url,
      events: hook.events,
      created_at: expect.any(String),
      signing_secret: expect.stringMatching(/^whsec_.{20,}/),
    });
    const [row] = await getDb().select().from(webhooks).where(eq(webhooks.id, created.id));
    expect(row.secretCiphertext).not.toContain(created.signing_secret);
    expect(decrypt(row.secretCiphertext)).toBe(created.signing_secret);

    const got = await call(webhookRoute.GET, "GET", {
      key: a.keys.admin,
      params: { id: created.id },
    });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      id: created.id,
      url: hook.url,
      events: hook.events,
      created_at: created.created_at,
    });
    const list = await call(webhooksRoute.GET, "GET", { key: a.keys.admin });
    expect(list.text).not.toContain(created.signing_secret);
  });

  it("keeps a secret the caller chose", async () => {
    const created = await create(a, {
      ...hook,
      events: ["run.completed", "suite_run.completed"],
      secret: "my-own-signing-secret-123",
    });
    expect(created.signing_secret).toBe("my-own-signing-secret-123");
    expect(created.events).toEqual(["run.completed", "suite_run.completed"]);
  });

  it("pages newest first and soft-deletes", async () => {
    const p = await createTestProject("whk-page");
    const ids = [(await create(p)).id, (await create(p)).id, (await create(p)).id];
    const first = await call(webhooksRoute.GET, "GET", { key: p.keys.admin, query: { limit: 2 } });
    expect(first.body.data.map((w: { id: string }) => w.id)).toEqual([ids[2], ids[1]]);
    const second = await call(webhooksRoute.GET, "GET", {
      key: p.keys.admin,
      query: { limit: 2, cursor: first.body.next_cursor },
    });
    expect(second.body).toMatchObject({
      data: [{ id: ids[0] }],
      has_more: false,
      next_cursor: null,
    });

    const deleted = await call(webhookRoute.DELETE, "DELETE", {
      key: p.keys.admin,
      params: { id: ids[1] },
    });
    expect(deleted.body).toEqual({ id: ids[1], deleted: true });
    const [row] = await getDb()
      .select({ deletedAt: webhooks.deletedAt })
      .from(webhooks)
      .where(eq(webhooks.id, ids[1]));
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(
      (await call(webhookRoute.GET, "GET", { key: p.keys.admin, params: { id: ids[1] } })).status,
    ).toBe(404);
    expect(
      (await call(webhookRoute.DELETE, "DELETE", { key: p.keys.admin, params: { id: ids[1] } }))
        .status,
    ).toBe(404);
    const after = await call(webhooksRoute.GET, "GET", { key: p.keys.admin });
    expect(after.body.data.map((w: { id: string }) => w.id)).toEqual([ids[2], ids[0]]);
  });

  it("names each bad field and writes nothing", async () => {
    const before = await webhookCount(a.id);
    const bad = await call(webhooksRoute.POST, "POST", {
      key: a.keys.admin,
      body: { url: "ftp://example.com/x", events: ["run.started"], secret: "short", extra: 1 },
    });
    expect(bad.status).toBe(422);
    expect(fields(bad.body)).toEqual(["events.0", "extra", "secret", "url"]);
    const empty = await call(webhooksRoute.POST, "POST", {
      key: a.keys.admin,
      body: { url: "not a url", events: [] },
    });
    expect(fields(empty.body)).toEqual(["events", "url"]);
    const types = await call(webhooksRoute.POST, "POST", {
      key: a.keys.admin,
      body: { url: 1, events: "run.completed" },
    });
    expect(fields(types.body)).toEqual(["events", "url"]);
    expect(
      (await call(webhooksRoute.POST, "POST", { key: a.keys.admin, rawBody: "[" })).status,
    ).toBe(400);
    const huge = await call(webhooksRoute.POST, "POST", {
      key: a.keys.admin,
      body: { ...hook, url: `https://x.dev/${"a".repeat(1_100_000)}` },
    });
    expect(huge.status).toBe(413);
    expect(await webhookCount(a.id)).toBe(before);
  });

  it("is admin-only and hides other projects' webhooks", async () => {
    const w = await create(a);
    const before = await webhookCount(a.id);
    for (const key of [a.keys.read, a.keys.run]) {
      expect((await call(webhooksRoute.POST, "POST", { key, body: hook })).status).toBe(403);
      expect((await call(webhooksRoute.GET, "GET", { key })).status).toBe(403);
      expect((await call(webhookRoute.GET, "GET", { key, params: { id: w.id } })).status).toBe(403);
      expect(
        (await call(webhookRoute.DELETE, "DELETE", { key, params: { id: w.id } })).status,
      ).toBe(403);
    }
    expect(await webhookCount(a.id)).toBe(before);
    for (const [key, id] of [
      [b.keys.admin, w.id],
      [a.keys.admin, "whk_123"],
      [a.keys.admin, "tgt_01jh0000000000000000000000"],
    ]) {
      expect((await call(webhookRoute.GET, "GET", { key, params: { id } })).status).toBe(404);
      expect((await call(webhookRoute.DELETE, "DELETE", { key, params: { id } })).status).toBe(404);
    }
    const [row] = await getDb()
      .select({ deletedAt: webhooks.deletedAt })
      .from(webhooks)
      .where(and(eq(webhooks.id, w.id), eq(webhooks.projectId, a.id)));
    expect(row.deletedAt).toBeNull();
  });
});
