/**
 * B1: N single-turn cases × 3 scorers through Assay (trigger → terminal, from the API), the floor
 * (../shared/peers/floor-bench.sh) and promptfoo (../shared/peers/promptfoo-bench.sh).
 */
import { join } from "node:path";
import { TERMINAL } from "./api";
import { cpuWindow, formatLine, parseLine, r1, r2, waitForQuiet, type Line } from "./measure";
import { nowMs, runCommand, RssSampler, sleep } from "./proc";
import type { Config } from "./config";
import type { Stack } from "./stack";
import type { BenchSuite, TargetServer } from "./workload";

export type AssayRun = {
  line: string;
  suiteRunId: string;
  wallS: number;
  ok: boolean;
  problems: string[];
};

/** Trigger the suite, poll GET /suite-runs/{id} every BENCH_POLL_MS until terminal, verify rows. */
export async function assayB1(
  cfg: Config,
  stack: Stack,
  server: TargetServer,
  suite: BenchSuite,
  n: number,
  opts: { quiet?: boolean; tag?: string } = {},
): Promise<AssayRun> {
  const others =
    opts.quiet === false ? NaN : await waitForQuiet(stack, cfg.quietWaitS, [server.child.pid]);
  const req0 = await server.requests();
  const [x0] = await stack.sql<
    { x: number }[]
  >`select xact_commit::float8 as x from pg_stat_database where datname = current_database()`;
  const cpu = cpuWindow(stack, [server.child.pid]);
  const rss = new RssSampler(
    { worker: () => stack.worker.pid, web: () => stack.web.pid },
    200,
  ).start();

  const t0 = nowMs();
  const trig = await stack.api.ok("POST", `/api/v1/suites/${suite.suiteId}/runs`, {});
  const triggerMs = nowMs() - t0;
  const id: string = trig.body.id;
  let status: string = trig.body.status;
  let polls = 0;
  while (!TERMINAL.has(status)) {
    await sleep(cfg.pollMs);
    const r = await stack.api.ok("GET", `/api/v1/suite-runs/${id}`);
    polls++;
    status = r.body.status;
    if (nowMs() - t0 > 15 * 60_000) throw new Error(`suite run ${id} not terminal after 15 min`);
  }
  const wallS = (nowMs() - t0) / 1000;
  const mem = rss.stop();
  const c = cpu();
  const [x1] = await stack.sql<
    { x: number }[]
  >`select xact_commit::float8 as x from pg_stat_database where datname = current_database()`;

  // verify: the target saw N calls, N runs and 3N results are in PostgreSQL
  const reqs = (await server.requests()) - req0;
  const [runs] = await stack.sql<{ n: number; passed: number }[]>`
    select count(*)::int as n, count(*) filter (where status = 'passed')::int as passed from runs where suite_run_id = ${id}`;
  const [res] = await stack.sql<
    { n: number }[]
  >`select count(*)::int as n from results where suite_run_id = ${id}`;
  const [sr] = await stack.sql<{ server_s: number }[]>`
    select extract(epoch from (completed_at - created_at))::float8 as server_s from suite_runs where id = ${id}`;
  const problems: string[] = [];
  if (reqs !== n) problems.push(`target saw ${reqs} requests, expected ${n}`);
  if (runs.n !== n) problems.push(`${runs.n} runs, expected ${n}`);
  if (res.n !== 3 * n) problems.push(`${res.n} results, expected ${3 * n}`);
  if (status !== "passed") problems.push(`suite run ended ${status}`);
  if (runs.passed !== n) problems.push(`${runs.passed} passed, expected ${n}`);

  const line = formatLine("assay", {
    N: n,
    delay: server.delay,
    wall_s: r2(wallS),
    cases_per_s: r1(n / wallS),
    rss_mb: Math.round(mem.max.worker ?? NaN),
    web_rss_mb: Math.round(mem.max.web ?? NaN),
    j: cfg.workerConcurrency || 64,
    db: "pg",
    db_rows: runs.n,
    results: res.n,
    passed: runs.passed,
    target_reqs: reqs,
    status,
    trigger_ms: Math.round(triggerMs),
    server_s: r2(sr.server_s),
    polls,
    cpu_s: r1(c.worker + c.web),
    worker_cpu_s: r1(c.worker),
    web_cpu_s: r1(c.web),
    pg_cpu_s: r1(c.pg),
    target_cpu_s: r1(c.target),
    harness_cpu_s: r1(c.harness),
    other_cpu_s: r1(c.other),
    others_cores_before: others,
    xacts_per_run: r2((x1.x - x0.x) / n),
    via: suite.via,
    ...(opts.tag ? { tag: opts.tag } : {}),
    rc: problems.length ? 1 : 0,
  });
  return { line, suiteRunId: id, wallS, ok: problems.length === 0, problems };
}

/** Run one of the peers' scripts and return its final result line. */
export async function peerB1(
  cfg: Config,
  stack: Stack,
  sys: "floor" | "promptfoo",
  n: number,
  delay: number,
  logFile: string,
): Promise<Line> {
  const env: NodeJS.ProcessEnv = { ...process.env, QUIET_WAIT_S: String(cfg.quietWaitS) };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  if (sys === "floor" && cfg.floorDb === "shared") env.DATABASE_URL = floorDbUrl(stack);
  const script = join(cfg.peersDir, sys === "floor" ? "floor-bench.sh" : "promptfoo-bench.sh");
  const r = await runCommand("bash", [script, String(n), String(delay)], {
    env,
    logFile,
    timeoutMs: 20 * 60_000,
  });
  const last = r.stdout
    .trim()
    .split("\n")
    .filter((l) => l.startsWith(`${sys} `))
    .pop();
  const line = last ? parseLine(last) : null;
  if (!line)
    throw new Error(
      `${sys}-bench.sh N=${n} delay=${delay} printed no result line (exit ${r.code}); see ${logFile}`,
    );
  if (r.code !== 0) line.kv.script_rc = String(r.code);
  return line;
}

/** The floor inserts into the same PostgreSQL server as Assay, in a database of its own. */
export function floorDbUrl(stack: Stack): string {
  const u = new URL(stack.dbUrl);
  u.pathname = "/floor";
  return u.toString();
}

export async function ensureFloorDb(stack: Stack) {
  const [exists] = await stack.sql`select 1 from pg_database where datname = 'floor'`;
  if (!exists) await stack.sql.unsafe("create database floor");
}
