import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as scenariosRoute from "@/app/api/v1/scenarios/route";
import * as suiteRoute from "@/app/api/v1/suites/[id]/route";
import * as targetRoute from "@/app/api/v1/targets/[id]/route";
import * as triggerRoute from "@/app/api/v1/suites/[id]/runs/route";
import * as suiteRunRoute from "@/app/api/v1/suite-runs/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";
import { startWorker } from "@/lib/engine/worker";
import { counts, upload } from "./testing";

const PEERS = join(process.cwd(), "..", "shared", "peers");

const generated: string[] = [];
afterAll(() => {
  for (const dir of generated) rmSync(dir, { recursive: true, force: true });
});

/** `gen-workload.js` as the benchmark runs it; returns the directory it wrote. */
function generate(n: number, url: string, extra: string[] = []): string {
  const out = mkdtempSync(join(tmpdir(), "assay-workload-"));
  generated.push(out);
  execFileSync(process.execPath, [
    join(PEERS, "gen-workload.js"),
    "--n",
    String(n),
    "--url",
    url,
    "--out",
    out,
    ...extra,
  ]);
  return out;
}

const file = (dir: string, name: string) => new Uint8Array(readFileSync(join(dir, name)));

/** Every scenario of a suite with its content, in suite order (GET /api/v1/scenarios pages). */
async function scenariosOf(project: TestProject, suiteId: string) {
  const all: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(scenariosRoute.GET, "GET", {
      key: project.keys.read,
      query: { suite_id: suiteId, limit: 200, ...(cursor ? { cursor } : {}) },
    });
    all.push(...page.body.data);
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return all.reverse(); // newest first; imports keep file order in their ids
}

let p: TestProject;
beforeAll(async () => {
  p = await createTestProject("import-wl");
});

describe("the shared benchmark workload", () => {
  let dir: string;
  beforeAll(() => {
    dir = generate(1000, "http://127.0.0.1:9/");
  });

  it("imports workload.json directly: scenarios, an http target and a suite in one call", async () => {
    const before = await counts(p.id);
    const res = await upload(p.keys.run, file(dir, "workload.json"), {
      contentType: "application/json",
      query: { suite_name: "Bench N=1000" },
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body).toMatchObject({
      format: "workload",
      created: 1000,
      errors: [],
      suite_created: true,
      target_created: true,
    });
    expect(await counts(p.id)).toEqual({
      scenarios: before.scenarios + 1000,
      suites: before.suites + 1,
      targets: before.targets + 1,
    });
    const target = await call(targetRoute.GET, "GET", {
      key: p.keys.read,
      params: { id: res.body.target_id },
    });
    expect(target.body).toMatchObject({
      type: "http",
      config: {
        url: "http://127.0.0.1:9/",
        method: "POST",
        body_template: { input: "{{input}}" },
        output_path: "$.output",
      },
    });
    const suite = await call(suiteRoute.GET, "GET", {
      key: p.keys.read,
      params: { id: res.body.suite_id },
    });
    expect(suite.body).toMatchObject({
      name: "Bench N=1000",
      scenario_count: 1000,
      target_ids: [res.body.target_id],
    });
    const [first] = await scenariosOf(p, res.body.suite_id);
    expect(first).toMatchObject({
      name: "case-000001",
      input: expect.stringMatching(/^case-000001: summarise ticket 1/),
      scorers: [
        { type: "contains", config: { values: ["case-000001"], case_sensitive: true } },
        { type: "regex", config: { pattern: '"answer":"ANSWER-\\d{1,5}"' } },
        { type: "json_schema", config: { schema: expect.objectContaining({ type: "object" }) } },
      ],
    });

    // A second import reuses the target (same name and config) and makes another suite.
    const again = await upload(p.keys.run, file(dir, "workload.json"), {
      contentType: "application/json",
      query: { suite_name: "Bench N=1000" },
    });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ target_id: res.body.target_id, target_created: false });
    expect(again.body.suite_id).not.toBe(res.body.suite_id);
  });

  it("the generated promptfoo config imports into the same scenarios as workload.json", async () => {
    const project = await createTestProject("import-wl-pf");
    const [neutral, promptfoo] = await Promise.all([
      upload(project.keys.run, file(dir, "workload.json"), { query: { suite_name: "neutral" } }),
      upload(project.keys.run, file(dir, "promptfooconfig.yaml"), {
        query: { suite_name: "promptfoo" },
      }),
    ]);
    expect([neutral.body.format, promptfoo.body.format]).toEqual(["workload", "promptfoo"]);
    const strip = (s: Record<string, unknown>) => ({
      name: s.name,
      input: s.input,
      scorers: s.scorers,
    });
    const a = (await scenariosOf(project, neutral.body.suite_id)).map(strip);
    const b = (await scenariosOf(project, promptfoo.body.suite_id)).map(strip);
    expect(b).toHaveLength(1000);
    expect(b).toEqual(a);
  });
});

describe("imported workloads run", () => {
  let server: ChildProcess;
  let url: string;
  beforeAll(async () => {
    server = spawn(process.execPath, [join(PEERS, "target-server.js")], {
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "ignore"],
    });
    url = await new Promise<string>((resolve, reject) => {
      server.stdout!.on("data", (chunk: Buffer) => {
        const match = /listening (http:\/\/\S+)/.exec(chunk.toString());
        if (match) resolve(`${match[1]}/`);
      });
      server.on("exit", () => reject(new Error("target-server exited")));
    });
  });
  afterAll(() => {
    server?.kill();
  });

  it("against target-server.js: every case passes except the ones made to fail", async () => {
    const project = await createTestProject("import-wl-run");
    const dir = generate(300, url, ["--fail-every", "100"]);
    const imported = await upload(project.keys.run, file(dir, "workload.json"), {
      contentType: "application/json",
      query: { suite_name: "bench" },
    });
    expect(imported.status).toBe(201);
    const worker = await startWorker({ concurrency: 16 });
    try {
      const run = await call(triggerRoute.POST, "POST", {
        key: project.keys.run,
        params: { id: imported.body.suite_id },
        body: {},
      });
      expect(run.status).toBe(201);
      const deadline = Date.now() + 60_000;
      let status = run.body;
      while (!["passed", "failed", "error", "cancelled"].includes(status.status)) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 200));
        status = (
          await call(suiteRunRoute.GET, "GET", {
            key: project.keys.read,
            params: { id: run.body.id },
          })
        ).body;
      }
      expect(status).toMatchObject({
        status: "failed",
        total_runs: 300,
        passed_count: 297,
        failed_count: 3,
        errored_count: 0,
      });
    } finally {
      await worker.stop();
    }
  }, 90_000);
});

describe("10,000 rows", () => {
  it("import in one transaction with set-based inserts, timed", async () => {
    const project = await createTestProject("import-10k");
    const dir = generate(10_000, "http://127.0.0.1:9/");
    const csv = [
      "name,input,contains,regex,json_schema",
      ...Array.from(
        { length: 10_000 },
        (_, i) =>
          `case ${i},"Ticket ${i}: where is my order, please?",order ${i},ANSWER-\\d+,"{""type"":""object""}"`,
      ),
    ].join("\n");
    // Warm up first (module loading, JIT), as a running server would be.
    const warm = await upload(
      project.keys.run,
      file(generate(500, "http://127.0.0.1:9/"), "workload.json"),
      {
        contentType: "application/json",
      },
    );
    expect(warm.status).toBe(201);
    const timings: Record<string, number> = {};
    for (const [label, body, contentType] of [
      ["workload.json", file(dir, "workload.json"), "application/json"],
      ["csv", csv, "text/csv"],
    ] as const) {
      const started = performance.now();
      const res = await upload(project.keys.run, body, {
        contentType,
        query: { suite_name: `10k ${label}` },
      });
      timings[label] = Math.round(performance.now() - started);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
      expect(res.body.created).toBe(10_000);
    }
    console.log(`import of 10,000 rows (ms): ${JSON.stringify(timings)}`);
    expect((await counts(project.id)).scenarios).toBe(20_500);
    // The bar is "well under 5 s" (1.1–3 s measured on two shared, busy cores). Timing bars
    // belong to `npm run bench`; this generous guard only catches a return to row-by-row inserts.
    for (const ms of Object.values(timings)) expect(ms).toBeLessThan(10_000);
  }, 60_000);
});
