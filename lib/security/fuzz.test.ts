import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { getSql } from "@/db/client";
import { operations } from "@/lib/openapi/operations";
import { startTestServer, type TestServer } from "@/lib/test/server";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite } from "@/lib/test/seed";

/**
 * Property-based fuzzing of every write endpoint in the OpenAPI registry: malformed JSON, wrong
 * types, unknown fields, oversized bodies and wrong ids must get a 4xx (problem+json, or the
 * compatibility routes' {error, message}), never a 5xx, and write nothing.
 */
const REQUESTS_PER_OPERATION = Number(process.env.ASSAY_FUZZ_RUNS ?? 300);
const PROJECT_TABLES = [
  "targets",
  "scenarios",
  "suites",
  "suite_runs",
  "runs",
  "results",
  "secrets",
  "api_keys",
  "webhooks",
  "webhook_deliveries",
  "share_links",
  "memberships",
  "idempotency_records",
];

let server: TestServer;
let project: TestProject;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  project = await createTestProject("fuzz");
  const seeded = await seedSuite({
    projectId: project.id,
    url: "http://127.0.0.1:9/",
    scenarios: [{ input: "x", scorers: [{ type: "contains", config: { values: ["x"] } }] }],
  });
  const [suite] = await getSql()`select slug from suites where id = ${seeded.suiteId}`;
  Object.assign(ids, {
    targets: seeded.targetIds[0],
    scenarios: seeded.scenarioIds[0],
    suites: seeded.suiteId,
    slug: suite.slug,
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function countRows(): Promise<Record<string, number>> {
  const sql = getSql();
  const counts: Record<string, number> = {};
  for (const table of PROJECT_TABLES) {
    const [{ n }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from ${sql(table)} where project_id = ${project.id}`;
    counts[table] = n;
  }
  return counts;
}

/** A path for the operation: a real id (so the body is what gets rejected) or a wrong one. */
function pathFor(template: string, wrongId: boolean): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (wrongId)
      return encodeURIComponent(
        [
          "nope",
          "srun_00000000000000000000000000",
          "tgt_7zzzzzzzzzzzzzzzzzzzzzzzzz",
          "../../etc/passwd",
          "%00",
          "x".repeat(300),
        ][Math.floor(Math.random() * 6)],
      );
    if (name === "slug") return ids.slug;
    const resource = template.split("/{")[0].split("/").pop() ?? "";
    return ids[resource] ?? "missing_00000000000000000000000000";
  });
}

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
);

/** Bodies that are not valid for `schema`: wrong types for its fields, unknown fields, junk. */
function invalidBodies(schema: z.ZodType | undefined): fc.Arbitrary<{ raw: string }> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  const keys = shape ? Object.keys(shape) : ["name", "id", "config"];
  const objectBody = fc.dictionary(
    fc.oneof(fc.constantFrom(...keys), fc.string({ minLength: 1, maxLength: 12 })),
    junk,
    { maxKeys: 6 },
  );
  const body = fc.oneof(
    objectBody.map((o) => ({ raw: JSON.stringify(o) })),
    junk.map((j) => ({ raw: JSON.stringify(j) ?? "null" })),
    fc.string({ maxLength: 60 }).map((s) => ({ raw: `{${s}` })), // malformed JSON
  );
  return body.filter(({ raw }) => {
    if (!schema) return true;
    try {
      return !schema.safeParse(JSON.parse(raw)).success;
    } catch {
      return true;
    }
  });
}

const writes = operations.filter((op) => op.method !== "get" && op.auth === "project");

describe("fuzzing every write endpoint", () => {
  it(`sends ${REQUESTS_PER_OPERATION} bad requests to each of the ${writes.length} write operations: no 5xx, errors well-formed, nothing written`, async () => {
    const before = await countRows();
    let sent = 0;
    const failures: string[] = [];
    for (const op of writes) {
      const samples = fc.sample(invalidBodies(op.body), {
        numRuns: REQUESTS_PER_OPERATION,
        seed: 42,
      });
      samples.push({ raw: JSON.stringify({ name: "x".repeat(1_100_000) }) }); // oversized
      for (const [i, { raw }] of samples.entries()) {
        const hasPathParam = op.path.includes("{");
        const wrongId = hasPathParam && (!op.body || i % 3 === 0);
        const path = pathFor(op.path, wrongId);
        let res: Response;
        try {
          res = await fetch(`${server.url}${path}`, {
            method: op.method.toUpperCase(),
            headers: {
              authorization: `Bearer ${project.keys.admin}`,
              "content-type": "application/json",
            },
            body: raw,
          });
        } catch (error) {
          failures.push(
            `${op.method.toUpperCase()} ${path.slice(0, 80)} → ${String((error as Error).cause ?? error)} (body of ${raw.length} bytes)`,
          );
          continue;
        }
        sent++;
        const text = await res.text();
        const type = res.headers.get("content-type") ?? "";
        let parsed: { code?: string; error?: string; status?: number } = {};
        try {
          parsed = JSON.parse(text);
        } catch {
          /* checked below */
        }
        const wellFormed = op.compat
          ? typeof parsed.error === "string"
          : type.startsWith("application/problem+json") && typeof parsed.code === "string";
        if (res.status >= 500 || res.status < 400 || !wellFormed) {
          failures.push(
            `${op.method.toUpperCase()} ${path.slice(0, 80)} → ${res.status} ${text.slice(0, 200)} (body ${raw.slice(0, 120)})`,
          );
        }
      }
    }
    const after = await countRows();
    console.log(
      `fuzz: ${sent} requests to ${writes.length} write operations, ${failures.length} bad answers`,
    );
    const byRoute = new Map<string, number>();
    for (const f of failures)
      byRoute.set(
        f.split(" → ")[0].replace(/(\w+_)[0-9a-z]{26}/g, "$1…"),
        (byRoute.get(f.split(" → ")[0].replace(/(\w+_)[0-9a-z]{26}/g, "$1…")) ?? 0) + 1,
      );
    expect([...byRoute.entries()], failures.slice(0, 5).join("\n")).toEqual([]);
    expect(after).toEqual(before);
    expect(sent).toBeGreaterThanOrEqual(10_000);
  }, 600_000);
});
