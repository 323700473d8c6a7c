import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import * as secretsRoute from "@/app/api/v1/secrets/route";
import { getDb } from "@/db/client";
import { apiKeys, memberships, projects, users } from "@/db/schema";
import { call } from "@/lib/test/fixtures";
import { verifyCredentials } from "@/lib/users/service";
import { applyInitEnv } from "./init";

describe("headless initialization", () => {
  it("creates the user, the project and an admin key with exactly the given value, idempotently", async () => {
    const suffix = Date.now().toString(36);
    const env = {
      ASSAY_INIT_USER_EMAIL: `ops-${suffix}@example.com`,
      ASSAY_INIT_USER_PASSWORD: "a very good password",
      ASSAY_INIT_PROJECT_SLUG: `init-${suffix}`,
      ASSAY_INIT_API_KEY: `assay_init_${suffix}_0123456789abcdef`,
    };
    await applyInitEnv(getDb(), env);
    await applyInitEnv(getDb(), env); // again: nothing new
    const db = getDb();
    const [project] = await db
      .select()
      .from(projects)
      .where(eq(projects.slug, env.ASSAY_INIT_PROJECT_SLUG));
    expect(project).toBeTruthy();
    const keys = await db.select().from(apiKeys).where(eq(apiKeys.projectId, project.id));
    expect(keys).toHaveLength(1);
    expect(keys[0].scope).toBe("admin");
    const [user] = await db.select().from(users).where(eq(users.email, env.ASSAY_INIT_USER_EMAIL));
    const members = await db
      .select()
      .from(memberships)
      .where(eq(memberships.projectId, project.id));
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);
    expect(
      await verifyCredentials(env.ASSAY_INIT_USER_EMAIL, env.ASSAY_INIT_USER_PASSWORD),
    ).toMatchObject({ id: user.id });
    // The key works against the API, exactly as given.
    expect((await call(secretsRoute.GET, "GET", { key: env.ASSAY_INIT_API_KEY })).status).toBe(200);
  });
});

describe("login lockout", () => {
  it("locks an account after 10 wrong passwords, even for the right one", async () => {
    const email = `lock-${Date.now()}@example.com`;
    await applyInitEnv(getDb(), {
      ASSAY_INIT_USER_EMAIL: email,
      ASSAY_INIT_USER_PASSWORD: "right password 1",
    });
    for (let i = 0; i < 10; i++) expect(await verifyCredentials(email, "wrong")).toBeNull();
    expect(await verifyCredentials(email, "right password 1")).toBeNull();
    await getDb()
      .update(users)
      .set({ lockedUntil: null, failedLogins: 0 })
      .where(eq(users.email, email));
    expect(await verifyCredentials(email, "right password 1")).toMatchObject({ email });
  }, 60_000);
});

describe("npx assay admin", () => {
  it("creates a project and prints a working key alone on the last line", () => {
    const slug = `cli-${Date.now().toString(36)}`;
    const opts = {
      cwd: process.cwd(),
      env: { ...process.env, ASSAY_LOG_LEVEL: "warn" },
      encoding: "utf8" as const,
    };
    const created = execFileSync(
      process.execPath,
      ["bin/assay.mjs", "admin", "create-project", "--slug", slug, "--name", "CLI project"],
      opts,
    );
    expect(created).toContain(slug);
    const out = execFileSync(
      process.execPath,
      ["bin/assay.mjs", "admin", "create-key", "--project", slug, "--scope", "read"],
      opts,
    );
    const lastLine = out.trim().split("\n").at(-1)!;
    expect(lastLine).toMatch(/^assay_[A-Za-z0-9_-]{32}$/);
    let failed: { status: number | null } | null = null;
    try {
      execFileSync(
        process.execPath,
        ["bin/assay.mjs", "admin", "create-key", "--project", "no-such-project", "--scope", "read"],
        { ...opts, stdio: "pipe" },
      );
    } catch (error) {
      failed = error as { status: number | null };
    }
    expect(failed?.status).toBe(3);
  }, 60_000);
});
