import type { Sql } from "@/db/client";
import { log } from "@/lib/log";
import { completeRuns, enqueueChunks, MAX_RUN_ATTEMPTS } from "./sql";

/**
 * Runs whose worker died (lease expired) go back to the queue with a fresh job while attempts remain;
 * after that they end `error` with code `stalled`. Every worker runs this periodically.
 */
export async function reapExpiredLeases(sql: Sql): Promise<{ requeued: number; stalled: number }> {
  const requeued = await sql.begin(async (tx) => {
    const rows = await tx<{ suite_run_id: string; chunk: number; n: number }[]>`
      with stale as (
        select id from runs where status = 'running' and lease_expires_at < now() and attempt < ${MAX_RUN_ATTEMPTS}
        limit 10000 for update skip locked
      ), upd as (
        update runs r set status = 'queued', worker_id = null, lease_expires_at = null
        from stale where r.id = stale.id returning r.suite_run_id, r.chunk
      )
      select suite_run_id, chunk, count(*)::int as n from upd group by suite_run_id, chunk`;
    const bySuiteRun = new Map<string, number[]>();
    for (const r of rows)
      bySuiteRun.set(r.suite_run_id, [...(bySuiteRun.get(r.suite_run_id) ?? []), r.chunk]);
    for (const [suiteRunId, chunks] of bySuiteRun)
      await enqueueChunks(tx as unknown as Sql, suiteRunId, chunks);
    return rows.reduce((s, r) => s + r.n, 0);
  });

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
  return { requeued, stalled: stalledRows.length };
}
