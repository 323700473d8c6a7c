import type { Sql } from "@/db/client";
import { log } from "@/lib/log";
import type { ChunkRange } from "./chunks";
import { completeRuns, enqueueChunks, LEASE_MS, MAX_RUN_ATTEMPTS } from "./sql";

/**
 * Runs whose worker died (lease expired) go back to the queue with a fresh job while attempts remain;
 * after that they end `error` with code `stalled`. Every worker runs this periodically.
 */
export async function reapExpiredLeases(sql: Sql): Promise<{ requeued: number; stalled: number }> {
  const requeued = await sql.begin(async (tx) => {
    const rows = await tx<(ChunkRange & { suite_run_id: string; n: number })[]>`
      with stale as (
        select id from runs where status = 'running' and lease_expires_at < now() and attempt < ${MAX_RUN_ATTEMPTS}
        limit 10000 for update skip locked
      ), upd as (
        update runs r set status = 'queued', worker_id = null, lease_expires_at = null
        from stale where r.id = stale.id returning r.suite_run_id, r.chunk, r.id
      )
      select suite_run_id, chunk, min(id) as first, max(id) as last, count(*)::int as n
      from upd group by suite_run_id, chunk`;
    await enqueueBySuiteRun(tx as unknown as Sql, rows);
    return rows.reduce((s, r) => s + r.n, 0);
  });

  const orphaned = await requeueOrphanedChunks(sql);

  const stalledRows = await sql<{ id: string; attempt: number }[]>`
    select id, attempt from runs where status = 'running' and lease_expires_at < now() and attempt >= ${MAX_RUN_ATTEMPTS} limit 10000`;
  if (stalledRows.length) {
    await completeRuns(
      sql,
      stalledRows.map((r) => ({
        id: r.id,
        attempt: r.attempt,
        status: "error" as const,
        output: null,
        transcript: null,
        error_code: "stalled",
        error_message: `The worker running this case stopped responding ${r.attempt} times`,
        latency_ms: null,
        tokens: null,
        cost_usd: null,
        meta: { attempts: r.attempt },
      })),
      [],
    );
  }
  if (requeued || stalledRows.length)
    log.warn("reaped expired leases", { requeued, stalled: stalledRows.length });
  return { requeued: requeued + orphaned, stalled: stalledRows.length };
}

/**
 * A worker killed after graphile-worker locked a chunk's job but before it claimed the runs leaves
 * them `queued` behind a job that stays locked for hours. A chunk whose job has been locked longer
 * than two leases while its runs are still queued, and that has no other live job, gets a new one.
 * (The job payload lives in graphile-worker's `_private_jobs`; this only reads it.)
 */
async function requeueOrphanedChunks(sql: Sql): Promise<number> {
  const staleS = (2 * LEASE_MS) / 1000;
  const rows = await sql<(ChunkRange & { suite_run_id: string })[]>`
    with chunk_jobs as (
      select j.payload->>'suite_run_id' as suite_run_id, (j.payload->>'chunk')::int as chunk, j.locked_at
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'execute_chunk'
    ), stale as (
      select distinct suite_run_id, chunk from chunk_jobs where locked_at < now() - make_interval(secs => ${staleS})
    )
    select s.suite_run_id, s.chunk, q.first, q.last from stale s
    cross join lateral (
      select min(r.id) as first, max(r.id) as last from runs r
      where r.suite_run_id = s.suite_run_id and r.status = 'queued' and r.chunk = s.chunk) q
    where q.first is not null
      and not exists (
        select 1 from chunk_jobs j where j.suite_run_id = s.suite_run_id and j.chunk = s.chunk
          and (j.locked_at is null or j.locked_at >= now() - make_interval(secs => ${staleS})))`;
  await enqueueBySuiteRun(sql, rows);
  return rows.length;
}

async function enqueueBySuiteRun(sql: Sql, rows: (ChunkRange & { suite_run_id: string })[]) {
  const bySuiteRun = new Map<string, ChunkRange[]>();
  for (const { suite_run_id, chunk, first, last } of rows)
    bySuiteRun.set(suite_run_id, [...(bySuiteRun.get(suite_run_id) ?? []), { chunk, first, last }]);
  for (const [suiteRunId, chunks] of bySuiteRun) await enqueueChunks(sql, suiteRunId, chunks);
}
