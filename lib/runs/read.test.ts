import { beforeAll, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite } from "@/lib/test/seed";

let project: TestProject;
let suiteId: string;

beforeAll(async () => {
  project = await createTestProject("read");
  ({ suiteId } = await seedSuite({
    projectId: project.id,
    url: "http://127.0.0.1:9/",
    scenarios: Array.from({ length: 167 }, (_, i) => ({
      input: `q${i}`,
      scorers: [{ type: "contains", config: { values: ["x"] } }],
    })),
  }));
});

async function suiteRunOf(repeatCount: number) {
  const created = await call(triggerRoute.POST, "POST", {
    key: project.keys.run,
    params: { id: suiteId },
    query: { items: false },
    body: { repeat_count: repeatCount },
  });
  expect(created.status).toBe(201);
  expect(created.body.items).toBeUndefined();
  return call(suiteRunRoute.GET, "GET", {
    key: project.keys.read,
    params: { id: created.body.id },
  });
}

describe("GET /api/v1/suite-runs/{id} embedded runs", () => {
  it("lists every child of a suite run of 500 or fewer, in creation order", async () => {
    const { status, body } = await suiteRunOf(2); // 334 runs
    expect(status).toBe(200);
    expect(body.total_runs).toBe(334);
    expect(body.runs).toHaveLength(334);
    expect(body.runs_truncated).toBe(false);
    const ids = body.runs.map((r: { id: string }) => r.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it("previews the first 50 of a bigger one and says it is truncated", async () => {
    const { body } = await suiteRunOf(3); // 501 runs
    expect(body.total_runs).toBe(501);
    expect(body.runs).toHaveLength(50);
    expect(body.runs_truncated).toBe(true);
  });
});
