/** B2 + B6 (150,000-run trigger, then the worker under it), B3 (GET under load) and B4 (commit → SSE). */
import { join } from "node:path";
import { TERMINAL } from "./api";
import { cpuWindow, percentile, r1, r2, waitForQuiet } from "./measure";
import { nowMs, rssMb, RssSampler, runCommand, sleep } from "./proc";
import { openSse } from "./sse";
import type { Config } from "./config";
import type { Stack } from "./stack";
import { toAssayTarget, type BenchSuite, type TargetServer, type Workload } from "./workload";

async function waitTerminal(stack: Stack, id: string, timeoutMs: number, pollMs = 250) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await stack.api.ok("GET", `/api/v1/suite-runs/${id}`);
    if (TERMINAL.has(r.body.status)) return r.body;
    if (Date.now() > until)
      throw new Error(`suite run ${id} not terminal within ${timeoutMs / 1000} s`);
    await sleep(pollMs);
  }
}

const completedCount = async (stack: Stack, id: string) => {
  const [r] = await stack.sql<{ n: number }[]>`
    select (passed_count + failed_count + errored_count + cancelled_count)::int as n from suite_runs where id = ${id}`;
  return r.n;
};

export type B2Result = Awaited<ReturnType<typeof b2b6>>;

/**
 * B2: a suite of S scenarios × T targets × repeat R (150,000 runs by default); time the trigger
 * response at the client and sample web RSS every 20 ms around it. B6: then sample worker RSS every
 * 200 ms while the run executes for BENCH_B6_SECONDS, and cancel it.
 */
export async function b2b6(
  cfg: Config,
  stack: Stack,
  server: TargetServer,
  base: { scenarioIds: string[]; targetId: string; workload: Workload },
) {
  const { scenarios: S, targets: T, repeat: R } = cfg.b2;
  if (base.scenarioIds.length < S)
    throw new Error(`B2 needs ${S} scenarios, have ${base.scenarioIds.length}`);
  const targetIds = [base.targetId];
  for (let i = 1; i < T; i++)
    targetIds.push(
      (
        await stack.api.ok(
          "POST",
          "/api/v1/targets",
          toAssayTarget(base.workload, `B2 agent ${i + 1}`),
        )
      ).body.id,
    );
  const suite = await stack.api.ok("POST", "/api/v1/suites", {
    name: `B2 ${S}x${T}x${R}`,
    scenario_ids: base.scenarioIds.slice(0, S),
    target_ids: targetIds,
    repeat_count: R,
    pass_threshold: 1,
  });
  const expected = S * T * R;

  const others = await waitForQuiet(stack, cfg.quietWaitS, [server.child.pid]);
  const webBefore = rssMb(stack.web.pid) ?? NaN;
  const workerBefore = rssMb(stack.worker.pid) ?? NaN;
  const sampler = new RssSampler(
    { web: () => stack.web.pid, worker: () => stack.worker.pid },
    20,
  ).start();
  const cpu = cpuWindow(stack, [server.child.pid]);
  const t0 = nowMs();
  const trig = await stack.api.callRaw("POST", `/api/v1/suites/${suite.body.id}/runs`, {});
  const responseMs = nowMs() - t0;
  const trigCpu = cpu();
  await sleep(500);
  const trigMem = sampler.stop();
  if (trig.status !== 201)
    throw new Error(`B2 trigger → ${trig.status}: ${trig.text.slice(0, 300)}`);
  const id: string = trig.body.id;
  const [cnt] = await stack.sql<{ n: number; total: number }[]>`
    select (select count(*) from runs where suite_run_id = ${id})::int as n, total_runs as total from suite_runs where id = ${id}`;
  // jobs still queued for it right after the response (graphile-worker 0.17 keeps them in _private_jobs)
  const [jobs] = await stack.sql<{ n: number }[]>`
    select count(*)::int as n from graphile_worker._private_jobs where payload->>'suite_run_id' = ${id}`.catch(
    () => [{ n: NaN }],
  );

  // B6: the worker while it executes this run
  const wSampler = new RssSampler({ worker: () => stack.worker.pid }, 200).start();
  const done0 = await completedCount(stack, id);
  const tb0 = nowMs();
  const b6Cpu = cpuWindow(stack, [server.child.pid]);
  const perSecond: number[] = [];
  let prev = done0;
  for (let s = 0; s < cfg.b6Seconds; s++) {
    await sleep(1000);
    const d = await completedCount(stack, id);
    perSecond.push(d - prev);
    prev = d;
  }
  const b6Elapsed = (nowMs() - tb0) / 1000;
  const done1 = prev;
  const b6c = b6Cpu();
  const wMem = wSampler.stop();

  const tc = nowMs();
  const cancel = await stack.api.ok("POST", `/api/v1/suite-runs/${id}/cancel`);
  const cancelMs = nowMs() - tc;
  const final = await waitTerminal(stack, id, 180_000);
  const cancelToTerminalS = (nowMs() - tc) / 1000;

  return {
    suite_run_id: id,
    runs_expected: expected,
    runs_written: cnt.n,
    total_runs: cnt.total,
    jobs_queued_after_response: jobs.n,
    response_ms: Math.round(responseMs),
    response_headers_ms: Math.round(trig.ttfbMs),
    response_bytes: trig.bytes,
    web_rss_before_mb: Math.round(webBefore),
    web_rss_max_mb: Math.round(trigMem.max.web ?? NaN),
    web_rss_after_mb: Math.round(trigMem.last.web ?? NaN),
    worker_rss_during_trigger_max_mb: Math.round(trigMem.max.worker ?? NaN),
    trigger_web_cpu_s: r1(trigCpu.web),
    trigger_pg_cpu_s: r1(trigCpu.pg),
    trigger_other_cpu_s: r1(trigCpu.other),
    others_cores_before: others,
    b6: {
      seconds: r1(b6Elapsed),
      worker_rss_before_mb: Math.round(workerBefore),
      worker_rss_max_mb: Math.round(wMem.max.worker ?? NaN),
      worker_rss_last_mb: Math.round(wMem.last.worker ?? NaN),
      runs_completed: done1 - done0,
      runs_per_s: r1((done1 - done0) / b6Elapsed),
      runs_per_s_by_second: perSecond,
      worker_cpu_s: r1(b6c.worker),
      web_cpu_s: r1(b6c.web),
      pg_cpu_s: r1(b6c.pg),
      target_cpu_s: r1(b6c.target),
      other_cpu_s: r1(b6c.other),
    },
    cancel_ms: Math.round(cancelMs),
    cancel_status: cancel.body.status,
    cancel_to_terminal_s: r2(cancelToTerminalS),
    final_status: final.status,
    final_counts: {
      passed: final.passed_count,
      failed: final.failed_count,
      errored: final.errored_count,
      cancelled: final.cancelled_count,
    },
  };
}

/** B3: autocannon, 100 connections for BENCH_B3_SECONDS, against GET /api/v1/suite-runs/{id}. */
export async function b3(cfg: Config, stack: Stack, suiteRunId: string) {
  const path = `/api/v1/suite-runs/${suiteRunId}`;
  // unloaded latency first (sequential)
  const single: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 30; i++) {
    const r = await stack.api.ok("GET", path);
    single.push(r.ms);
    bytes = r.bytes;
  }
  const others = await waitForQuiet(stack, cfg.quietWaitS);
  const cpu = cpuWindow(stack, []);
  const child = join(process.cwd(), "bench", "lib", "autocannon-child.mjs");
  const r = await runCommand(
    process.execPath,
    [child, stack.baseUrl + path, stack.apiKey, String(cfg.b3Connections), String(cfg.b3Seconds)],
    { logFile: join(stack.dir, "autocannon.log"), timeoutMs: (cfg.b3Seconds + 60) * 1000 },
  );
  const c = cpu();
  const out = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
  return {
    url: path,
    response_bytes: bytes,
    single_client_p50_ms: r1(percentile(single, 0.5)),
    connections: cfg.b3Connections,
    seconds: cfg.b3Seconds,
    ...out,
    web_cpu_s: r1(c.web),
    pg_cpu_s: r1(c.pg),
    loadgen_and_other_cpu_s: r1(c.other),
    others_cores_before: others,
  };
}

/**
 * B4: while an N-case run executes, one SSE client on /events (resuming from 0, so no completion is
 * missed); for each `run.completed`, receipt time − the run's completed_at from PostgreSQL.
 */
export async function b4(
  cfg: Config,
  stack: Stack,
  server: TargetServer,
  suite: BenchSuite,
  n: number,
) {
  const others = await waitForQuiet(stack, cfg.quietWaitS, [server.child.pid]);
  const ac = new AbortController();
  const receipts = new Map<string, number>();
  let progressEvents = 0;
  let endAt = 0;
  const t0 = nowMs();
  const trig = await stack.api.ok("POST", `/api/v1/suites/${suite.suiteId}/runs`, {});
  const id: string = trig.body.id;
  const { openedAt, done } = await openSse(
    `${stack.baseUrl}/api/v1/suite-runs/${id}/events`,
    { authorization: `Bearer ${stack.apiKey}`, "last-event-id": "0" },
    (e) => {
      if (e.event === "run.completed")
        receipts.set((JSON.parse(e.data) as { id: string }).id, e.at);
      else if (e.event === "progress") progressEvents++;
      else if (e.event === "suite_run.completed") endAt = e.at;
    },
    ac.signal,
  );
  const timeout = sleep(15 * 60_000).then(() => "timeout");
  const how = await Promise.race([done.then(() => "closed"), timeout]);
  ac.abort();
  const wallS = ((endAt || nowMs()) - t0) / 1000;
  const rows = await stack.sql<{ id: string; c: number }[]>`
    select id, (extract(epoch from completed_at) * 1000)::float8 as c from runs where suite_run_id = ${id}`;
  const lat: number[] = [];
  let early = 0;
  for (const r of rows) {
    const at = receipts.get(r.id);
    if (at === undefined) continue;
    if (r.c < openedAt) {
      early++; // completed before the stream was open: replayed, not live
      continue;
    }
    lat.push(at - r.c);
  }
  return {
    suite_run_id: id,
    n,
    delay: server.delay,
    stream_end: how,
    wall_s: r2(wallS),
    run_completed_events: receipts.size,
    replayed_before_open: early,
    measured: lat.length,
    progress_events: progressEvents,
    p50_ms: r1(percentile(lat, 0.5)),
    p95_ms: r1(percentile(lat, 0.95)),
    p99_ms: r1(percentile(lat, 0.99)),
    max_ms: r1(Math.max(...lat)),
    others_cores_before: others,
  };
}
