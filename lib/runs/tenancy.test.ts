import { beforeAll, describe, expect, it } from "vitest";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import * as suiteRunsRoute from "@/app/api/v1/suite-runs/route";
import * as childRunsRoute from "@/app/api/v1/suite-runs/[id]/runs/route";
import * as resultsRoute from "@/app/api/v1/suite-runs/[id]/results/route";
import * as cancelRoute from "@/app/api/v1/suite-runs/[id]/cancel/route";
import * as resubmitRoute from "@/app/api/v1/suite-runs/[id]/resubmit/route";
import * as compareRoute from "@/app/api/v1/suite-runs/[id]/compare/route";
import * as exportRoute from "@/app/api/v1/suite-runs/[id]/export/route";
import * as eventsRoute from "@/app/api/v1/suite-runs/[id]/events/route";
import * as shareRoute from "@/app/api/v1/suite-runs/[id]/share/route";
import * as shareLinkRoute from "@/app/api/v1/share-links/[id]/route";
import * as runRoute from "@/app/api/v1/runs/[id]/route";
import * as batchRoute from "@/app/api/v1/suite-runs/batch/route";
import * as evalRoute from "@/app/api/v1/run/route";
import * as publicShareRoute from "@/app/api/share/[token]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { seedSuite } from "@/lib/test/seed";
import { getSql } from "@/db/client";

let a: TestProject;
let b: TestProject;
let suiteId: string;
let scenarioId: string;
let suiteRunId: string;
let runId: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("ten-a"), createTestProject("ten-b")]);
  const seeded = await seedSuite({
    projectId: a.id,
    url: "http://127.0.0.1:9/",
    scenarios: [{ input: "x", scorers: [{ type: "contains", config: { values: ["x"] } }] }],
  });
  suiteId = seeded.suiteId;
  scenarioId = seeded.scenarioIds[0];
  const created = await call(triggerRoute.POST, "POST", {
    key: a.keys.run,
    params: { id: suiteId },
    body: {},
  });
  suiteRunId = created.body.id;
  runId = created.body.items[0].run_id;
});

describe("project B's key on project A's runs", () => {
  it("gets 404 on every run route, and sees none of A's runs in lists", async () => {
    const id = { id: suiteRunId };
    const cases: [string, Promise<{ status: number }>][] = [
      [
        "trigger",
        call(triggerRoute.POST, "POST", { key: b.keys.admin, params: { id: suiteId }, body: {} }),
      ],
      ["history", call(triggerRoute.GET, "GET", { key: b.keys.admin, params: { id: suiteId } })],
      ["suite run", call(suiteRunRoute.GET, "GET", { key: b.keys.admin, params: id })],
      ["children", call(childRunsRoute.GET, "GET", { key: b.keys.admin, params: id })],
      ["results", call(resultsRoute.GET, "GET", { key: b.keys.admin, params: id })],
      ["cancel", call(cancelRoute.POST, "POST", { key: b.keys.admin, params: id })],
      ["resubmit", call(resubmitRoute.POST, "POST", { key: b.keys.admin, params: id })],
      [
        "compare",
        call(compareRoute.GET, "GET", {
          key: b.keys.admin,
          params: id,
          query: { baseline: suiteRunId },
        }),
      ],
      [
        "export",
        call(exportRoute.GET, "GET", { key: b.keys.admin, params: id, query: { format: "csv" } }),
      ],
      ["events", call(eventsRoute.GET, "GET", { key: b.keys.admin, params: id })],
      ["share", call(shareRoute.POST, "POST", { key: b.keys.admin, params: id, body: {} })],
      ["share list", call(shareRoute.GET, "GET", { key: b.keys.admin, params: id })],
      ["run", call(runRoute.GET, "GET", { key: b.keys.admin, params: { id: runId } })],
      [
        "eval",
        call(evalRoute.POST, "POST", {
          key: b.keys.admin,
          body: { suite: suiteId, output: "x", async: true },
        }),
      ],
    ];
    for (const [name, pending] of cases) expect((await pending).status, name).toBe(404);
    const batch = await call(batchRoute.POST, "POST", {
      key: b.keys.admin,
      body: { entries: [{ scenario_id: scenarioId }] },
    });
    expect(batch.status).toBe(400); // the scenario does not exist for B
    const list = await call(suiteRunsRoute.GET, "GET", { key: b.keys.read });
    expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(suiteRunId);
  });

  it("malformed ids are 404, not 500", async () => {
    for (const bad of [
      "srun_x",
      "nope",
      "srun_ZZZZZZZZZZZZZZZZZZZZZZZZZZ",
      "'; drop table runs; --",
    ]) {
      expect(
        (await call(suiteRunRoute.GET, "GET", { key: a.keys.read, params: { id: bad } })).status,
      ).toBe(404);
      expect(
        (await call(runRoute.GET, "GET", { key: a.keys.read, params: { id: bad } })).status,
      ).toBe(404);
    }
  });
});

describe("scopes", () => {
  it("a read key gets 403 on every run write", async () => {
    const id = { id: suiteRunId };
    const writes: [string, Promise<{ status: number }>][] = [
      [
        "trigger",
        call(triggerRoute.POST, "POST", { key: a.keys.read, params: { id: suiteId }, body: {} }),
      ],
      ["cancel", call(cancelRoute.POST, "POST", { key: a.keys.read, params: id })],
      ["resubmit", call(resubmitRoute.POST, "POST", { key: a.keys.read, params: id })],
      ["share", call(shareRoute.POST, "POST", { key: a.keys.read, params: id, body: {} })],
      [
        "batch",
        call(batchRoute.POST, "POST", {
          key: a.keys.read,
          body: { entries: [{ scenario_id: scenarioId }] },
        }),
      ],
      [
        "eval",
        call(evalRoute.POST, "POST", { key: a.keys.read, body: { suite: suiteId, output: "x" } }),
      ],
    ];
    for (const [name, pending] of writes) expect((await pending).status, name).toBe(403);
  });
});

describe("share links", () => {
  it("read exactly one run, and 404 once revoked or expired", async () => {
    const link = await call(shareRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: suiteRunId },
      body: { expires_in_days: 7 },
    });
    expect(link.status).toBe(201);
    const token = link.body.url.split("/share/")[1];
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits
    const report = await call(publicShareRoute.GET, "GET", { params: { token } });
    expect(report.status).toBe(200);
    expect(report.body.suite_run.id).toBe(suiteRunId);
    expect(report.body.suite_run).not.toHaveProperty("config_override");
    expect(report.body.suite_run).not.toHaveProperty("triggered_by");
    expect(
      (await call(publicShareRoute.GET, "GET", { params: { token: token.slice(0, -2) + "xx" } }))
        .status,
    ).toBe(404);
    expect(
      (
        await call(shareLinkRoute.DELETE, "DELETE", {
          key: b.keys.admin,
          params: { id: link.body.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(shareLinkRoute.DELETE, "DELETE", {
          key: a.keys.run,
          params: { id: link.body.id },
        })
      ).status,
    ).toBe(200);
    expect((await call(publicShareRoute.GET, "GET", { params: { token } })).status).toBe(404);

    const expiring = await call(shareRoute.POST, "POST", {
      key: a.keys.run,
      params: { id: suiteRunId },
      body: { expires_in_days: 1 },
    });
    const expiringToken = expiring.body.url.split("/share/")[1];
    expect(
      (await call(publicShareRoute.GET, "GET", { params: { token: expiringToken } })).status,
    ).toBe(200);
    await getSql()`update share_links set expires_at = now() - interval '1 second' where id = ${expiring.body.id}`;
    expect(
      (await call(publicShareRoute.GET, "GET", { params: { token: expiringToken } })).status,
    ).toBe(404);
  });
});
