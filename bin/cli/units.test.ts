import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectTrigger } from "./ci";
import { CliError } from "./errors";
import { followSuiteRun } from "./follow";
import { parseThreshold, verdictOf } from "./gate";
import { ApiClient } from "./http";
import { ProgressReporter } from "./progress";
import { parseSse } from "./sse";
import { renderSummary } from "./summary";
import type { Progress, SuiteRun } from "./types";

function suiteRun(over: Partial<SuiteRun> = {}): SuiteRun {
  return {
    id: "srun_01jh0000000000000000000000",
    suite_id: "suite_01jh0000000000000000000000",
    suite_name: "Checkout bot",
    trigger: "ci",
    status: "passed",
    total_runs: 10,
    passed_count: 10,
    failed_count: 0,
    errored_count: 0,
    cancelled_count: 0,
    pending_count: 0,
    pass_rate: 1,
    gate: { threshold: 0.9, passed: true },
    created_at: "2026-01-01T00:00:00.000Z",
    started_at: "2026-01-01T00:00:01.000Z",
    completed_at: "2026-01-01T00:01:13.000Z",
    duration_ms: 72_000,
    trigger_meta: {},
    url: "https://assay.example.com/p/acme/runs/srun_01jh0000000000000000000000",
    ...over,
  };
}

function stream(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

describe("parseSse", () => {
  it("reads event, multi-line data and id across chunk boundaries, CRLF included; skips comments", async () => {
    const frames = [];
    for await (const f of parseSse(
      stream([
        ": stream open\n\n",
        "id: 3\nevent: progress\r",
        '\ndata: {"a":\ndata: 1}\r\n\r\n',
        "event: run.completed\ndata: x\n\n: heartbeat\n\ndata: plain\n\n",
      ]),
    ))
      frames.push(f);
    expect(frames).toEqual([
      { event: "progress", data: '{"a":\n1}', id: "3" },
      { event: "run.completed", data: "x", id: "3" },
      { event: "message", data: "plain", id: "3" },
    ]);
  });
});

describe("verdictOf", () => {
  const counts = (passed: number, failed: number, errored: number, cancelled = 0) => ({
    total_runs: passed + failed + errored + cancelled,
    passed_count: passed,
    failed_count: failed,
    errored_count: errored,
    cancelled_count: cancelled,
  });
  it("keeps the server's verdict without --threshold", () => {
    expect(verdictOf(suiteRun({ status: "passed" })).exitCode).toBe(0);
    expect(verdictOf(suiteRun({ status: "failed" })).exitCode).toBe(1);
    expect(verdictOf(suiteRun({ status: "error" })).exitCode).toBe(2);
    expect(verdictOf(suiteRun({ status: "cancelled" }))).toMatchObject({
      status: "cancelled",
      exitCode: 2,
    });
  });
  it("re-applies the gate rule with --threshold: failed even with errored runs counted, error when they decide", () => {
    const at = (t: number, c: ReturnType<typeof counts>) =>
      verdictOf(suiteRun({ status: "failed", ...c }), t);
    expect(at(0.9, counts(9, 1, 0))).toMatchObject({
      status: "passed",
      exitCode: 0,
      passRate: 0.9,
    });
    expect(at(0.9, counts(8, 2, 0))).toMatchObject({ status: "failed", exitCode: 1 });
    expect(at(0.9, counts(8, 1, 1))).toMatchObject({ status: "error", exitCode: 2 });
    expect(at(0.9, counts(7, 2, 1))).toMatchObject({ status: "failed", exitCode: 1 });
    expect(at(0.7, counts(7, 3, 0))).toMatchObject({ status: "passed" }); // 7/10 is exactly 0.7
    expect(at(1, counts(9, 0, 0, 1))).toMatchObject({ status: "passed", passRate: 1 }); // cancelled runs leave the denominator
  });
  it("parses thresholds as rates or percentages", () => {
    expect(parseThreshold("0.9")).toBe(0.9);
    expect(parseThreshold("90%")).toBe(0.9);
    expect(parseThreshold("95")).toBe(0.95);
    expect(parseThreshold("1")).toBe(1);
    for (const bad of ["", "abc", "-1", "101", "0.9.1"]) expect(parseThreshold(bad)).toBeNull();
  });
});

describe("detectTrigger", () => {
  const noGit = () => ({});
  it("reads a GitHub pull request: head commit from the event, head branch, PR number, run URL", () => {
    const event = join(mkdtempSync(join(tmpdir(), "gh-")), "event.json");
    writeFileSync(
      event,
      JSON.stringify({ pull_request: { number: 7, head: { sha: "feedface" } } }),
    );
    expect(
      detectTrigger(
        {
          GITHUB_ACTIONS: "true",
          GITHUB_SHA: "mergecommit",
          GITHUB_REF: "refs/pull/7/merge",
          GITHUB_HEAD_REF: "fix/refunds",
          GITHUB_REF_NAME: "7/merge",
          GITHUB_EVENT_PATH: event,
          GITHUB_SERVER_URL: "https://github.com",
          GITHUB_REPOSITORY: "acme/shop",
          GITHUB_RUN_ID: "99",
        },
        noGit,
      ),
    ).toEqual({
      trigger: "ci",
      meta: {
        provider: "github",
        commit: "feedface",
        branch: "fix/refunds",
        pr: 7,
        repository: "acme/shop",
        url: "https://github.com/acme/shop/actions/runs/99",
      },
    });
  });
  it("reads a GitHub push, a GitLab merge request, a generic CI and a laptop", () => {
    expect(
      detectTrigger(
        {
          GITHUB_ACTIONS: "true",
          GITHUB_SHA: "abc",
          GITHUB_REF: "refs/heads/main",
          GITHUB_REF_NAME: "main",
          GITHUB_HEAD_REF: "",
        },
        noGit,
      ),
    ).toEqual({ trigger: "ci", meta: { provider: "github", commit: "abc", branch: "main" } });
    expect(
      detectTrigger(
        {
          GITLAB_CI: "true",
          CI_COMMIT_SHA: "def",
          CI_COMMIT_REF_NAME: "feature",
          CI_MERGE_REQUEST_IID: "12",
          CI_PIPELINE_URL: "https://gitlab.com/acme/shop/-/pipelines/5",
          CI_PROJECT_PATH: "acme/shop",
        },
        noGit,
      ),
    ).toEqual({
      trigger: "ci",
      meta: {
        provider: "gitlab",
        commit: "def",
        branch: "feature",
        pr: 12,
        repository: "acme/shop",
        url: "https://gitlab.com/acme/shop/-/pipelines/5",
      },
    });
    const git = () => ({ commit: "0a1b", branch: "dev" });
    expect(detectTrigger({ CI: "true" }, git)).toEqual({
      trigger: "ci",
      meta: { provider: "ci", commit: "0a1b", branch: "dev" },
    });
    expect(detectTrigger({ CI: "false" }, git)).toEqual({
      trigger: "cli",
      meta: { commit: "0a1b", branch: "dev" },
    });
    expect(detectTrigger({}, noGit)).toEqual({ trigger: "cli", meta: {} });
  });
});

describe("renderSummary", () => {
  it("says when there is nothing to compare with, caps long lists and keeps user text inert", () => {
    const failing = Array.from({ length: 30 }, (_, i) => ({
      id: `run_${i}`,
      scenario_id: `scn_${i}`,
      scenario_name: i === 0 ? "a | b <script>" : `case ${i}`,
      target_id: "tgt_1",
      target_name: "prod",
      repeat_index: 0,
      status: "error",
      latency_ms: null,
      error_code: "http_5xx",
    }));
    const run = suiteRun({
      status: "error",
      passed_count: 70,
      errored_count: 30,
      total_runs: 100,
      trigger_meta: { commit: "0123456789abcdef", branch: "main", pr: 3 },
    });
    const md = renderSummary({
      run,
      verdict: verdictOf(run),
      compare: null,
      failing,
      failingTotal: 30,
    });
    expect(md).toContain("### ⚠️ error · Assay · Checkout bot");
    expect(md).toContain("**70%** passed (70 of 100) · gate ≥ 90% · first run of this suite");
    expect(md).toContain("#### Failing (30)");
    expect(md).toContain("| a \\| b \\<script\\> | prod | 0 | error | `http\\_5xx` |");
    expect(md).toContain("…and 5 more: see the run.");
    expect(md).toContain("commit `0123456789ab` · branch `main` · PR #3 · trigger ci");
    expect(md).not.toContain("Regressions");
  });
});

describe("ProgressReporter", () => {
  const sink = () => {
    const writes: string[] = [];
    return {
      writes,
      stream: {
        write: (s: string) => writes.push(s) > 0,
        columns: 100,
      } as unknown as NodeJS.WritableStream,
    };
  };
  const p = (completed: number): Progress => ({
    completed,
    total: 4,
    passed: completed,
    failed: 0,
    errored: 0,
    cancelled: 0,
  });

  it("redraws one bar in place on a terminal", () => {
    const { writes, stream } = sink();
    const bar = new ProgressReporter("suite", stream, { tty: true });
    bar.update(p(1));
    bar.done();
    expect(writes[0].startsWith("\r\u001b[2K")).toBe(true);
    expect(writes[0].slice(5)).toMatch(/^suite \[█+░+\] 25% 1\/4 {2}✔ 1/);
    expect(writes.at(-1)).toMatch(/\n$/);
  });
  it("prints plain lines at most once per interval, then the final state", () => {
    const { writes, stream } = sink();
    const lines = new ProgressReporter("suite", stream, { tty: false, intervalMs: 60_000 });
    for (let i = 0; i <= 4; i++) lines.update(p(i));
    lines.done();
    expect(writes).toHaveLength(2);
    expect(writes[0]).toMatch(/^suite: 0\/4 done/);
    expect(writes[1]).toMatch(/^suite: 4\/4 done · 4 passed/);
    expect(writes.join("")).not.toContain("\r");
  });
});

describe("followSuiteRun", () => {
  async function fakeServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const addr = server.address();
    const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
    return {
      client: new ApiClient({ baseUrl: url, apiKey: "k" }),
      close: () =>
        new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
    };
  }
  const sse = (res: ServerResponse) => res.writeHead(200, { "content-type": "text/event-stream" });
  const frame = (event: string, id: number, data: unknown) =>
    `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

  it("resumes a dropped stream with Last-Event-ID", async () => {
    const seen: (string | undefined)[] = [];
    const { client, close } = await fakeServer((req, res) => {
      seen.push(req.headers["last-event-id"] as string | undefined);
      sse(res);
      if (seen.length === 1) {
        res.write(
          frame("snapshot", 0, suiteRun({ status: "running", passed_count: 0, pending_count: 10 })),
        );
        res.end(
          frame("progress", 5, {
            completed: 5,
            total: 10,
            passed_count: 5,
            failed_count: 0,
            errored_count: 0,
            cancelled_count: 0,
          }),
        );
      } else res.end(frame("suite_run.completed", 10, suiteRun()));
    });
    const progress: Progress[] = [];
    try {
      const run = await followSuiteRun(client, "srun_x", {
        onProgress: (p) => progress.push(p),
        timeoutMs: 10_000,
      });
      expect(run.status).toBe("passed");
      expect(seen).toEqual([undefined, "5"]);
      expect(progress.map((p) => p.completed)).toEqual([0, 5, 10]);
    } finally {
      await close();
    }
  });

  it("falls back to polling when the stream keeps failing, and stops at a 404", async () => {
    let polls = 0;
    const { client, close } = await fakeServer((req, res) => {
      if (req.url!.endsWith("/events")) return void res.writeHead(503).end();
      polls++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(suiteRun(polls < 2 ? { status: "running" } : {})));
    });
    try {
      const run = await followSuiteRun(client, "srun_x", {
        onProgress: () => {},
        timeoutMs: 20_000,
        pollMs: 50,
        maxStreamFailures: 2,
      });
      expect(run.status).toBe("passed");
      expect(polls).toBe(2);
    } finally {
      await close();
    }
    const missing = await fakeServer(
      (_req, res) => void res.writeHead(404, { "content-type": "application/json" }).end("{}"),
    );
    try {
      const error = await followSuiteRun(missing.client, "srun_x", {
        onProgress: () => {},
        timeoutMs: 5_000,
      }).catch((e) => e);
      expect(error).toBeInstanceOf(CliError);
      expect(error.exitCode).toBe(3);
    } finally {
      await missing.close();
    }
  });
});
