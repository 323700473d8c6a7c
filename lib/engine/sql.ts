import type { Sql } from "@/db/client";
import { publicUrl } from "@/lib/env";
import type { ChunkRange } from "./chunks";
import {
  ENVELOPE_SQL,
  NEW_ID_BITS_SQL,
  SUITE_RUN_PAYLOAD_COLUMNS,
  SUITE_RUN_PAYLOAD_SQL,
  enqueueDeliveriesSql,
  typeIdSql,
} from "@/lib/webhooks/sql";

export const EVENTS_CHANNEL = "assay_events";
export const LEASE_MS = Number(process.env.ASSAY_LEASE_MS ?? 60_000);
export const MAX_RUN_ATTEMPTS = 3;

/** Runs of `POST /api/v1/run` score an output the caller supplied: no target is called. */
export const SUPPLIED_OUTPUT_TARGET = "supplied_output";

export type ClaimedRun = {
  id: string;
  scenario_id: string;
  target_id: string;
  repeat_index: number;
  attempt: number;
  supplied_output: unknown;
};

/** What an execute_chunk job carries. Jobs enqueued before id ranges existed have no first/last. */
export type ChunkJob = { suite_run_id: string; chunk: number; first?: string; last?: string };

/** Take every queued run of a chunk; the suite run starts with its first claimed child. */
export async function claimChunk(
  sql: Sql,
  { job, workerId }: { job: ChunkJob; workerId: string },
): Promise<ClaimedRun[]> {
  const suiteRunId = job.suite_run_id;
  const range = job.first && job.last ? sql`and id between ${job.first} and ${job.last}` : sql``;
  return sql<ClaimedRun[]>`
    with claimed as (
      update runs set status = 'running', attempt = attempt + 1, worker_id = ${workerId},
        lease_expires_at = now() + make_interval(secs => ${LEASE_MS / 1000}), started_at = now()
      where suite_run_id = ${suiteRunId} ${range} and chunk = ${job.chunk} and status = 'queued'
      returning id, scenario_id, target_id, repeat_index, attempt,
        case when target_id = ${SUPPLIED_OUTPUT_TARGET} then output end as supplied_output
    ), started as (
      update suite_runs set status = 'running', started_at = coalesce(started_at, now())
      where id = ${suiteRunId} and status = 'queued' and exists (select 1 from claimed)
      returning id
    ), notified as (
      select pg_notify(${EVENTS_CHANNEL}, json_build_object('s', ${suiteRunId}::text, 'started', (select json_agg(id) from claimed))::text)
      where exists (select 1 from claimed)
    )
    -- A plain SELECT in a CTE runs only if referenced where it is evaluated: the select list, not a join
    -- the planner may drop. (The update of suite_runs runs regardless: data-modifying CTEs always do.)
    select claimed.*, (select count(*) from notified) as notified from claimed`;
}

export async function extendLeases(
  sql: Sql,
  { runIds, workerId }: { runIds: string[]; workerId: string },
): Promise<void> {
  if (runIds.length === 0) return;
  await sql`update runs set lease_expires_at = now() + make_interval(secs => ${LEASE_MS / 1000})
            where id = any(${runIds}::text[]) and status = 'running' and worker_id = ${workerId}`;
}

export type CompletedRun = {
  id: string;
  attempt: number;
  status: "passed" | "failed" | "error" | "cancelled";
  output: unknown;
  transcript: unknown;
  error_code: string | null;
  error_message: string | null;
  latency_ms: number | null;
  tokens: unknown;
  cost_usd: number | null;
  meta: unknown;
};

export type CompletedResult = {
  id: string;
  run_id: string;
  scorer_index: number;
  scorer: string;
  name: string;
  passed: boolean;
  score: number;
  threshold: number;
  reason: string;
  scorer_output: unknown;
  duration_ms: number;
};

export type CompletionSummary = {
  suite_run_id: string;
  status: string;
  finished: boolean;
  seq: number;
  written: number;
};

/**
 * Commit finished runs in one statement: the conditional update (status running, same attempt) rejects
 * late writes from a worker that lost its lease; results are inserted only for runs that were updated;
 * the suite run's counters and, when the last child lands, its verdict move in the same transaction;
 * webhook deliveries (run.completed, suite_run.completed) and their jobs are written with them, so an
 * announced state is always committed and a committed one always announced; NOTIFY wakes the SSE
 * streams at commit. A project without webhooks pays one index probe for all of this.
 */
export async function completeRuns(
  sql: Sql,
  runs: CompletedRun[],
  results: CompletedResult[],
): Promise<CompletionSummary[]> {
  if (runs.length === 0) return [];
  return sql<CompletionSummary[]>`
    with v as (
      select * from jsonb_to_recordset(${JSON.stringify(runs)}::text::jsonb) as x(
        id text, attempt int, status text, output jsonb, transcript jsonb, error_code text, error_message text,
        latency_ms int, tokens jsonb, cost_usd float8, meta jsonb)
    ), done as (
      update runs r set status = v.status, output = v.output, transcript = v.transcript, error_code = v.error_code,
        error_message = v.error_message, latency_ms = v.latency_ms, tokens = v.tokens, cost_usd = v.cost_usd, meta = v.meta,
        completed_at = now(), lease_expires_at = null, completed_seq = nextval('run_completion_seq')
      from v where r.id = v.id and r.attempt = v.attempt and r.status = 'running'
      returning r.id, r.status, r.suite_run_id, r.project_id, r.completed_seq
    ), ins as (
      insert into results (id, project_id, suite_run_id, run_id, scorer_index, scorer, name, passed, score, threshold, reason, scorer_output, duration_ms)
      select x.id, d.project_id, d.suite_run_id, x.run_id, x.scorer_index, x.scorer, x.name, x.passed, x.score, x.threshold, x.reason, x.scorer_output, x.duration_ms
      from jsonb_to_recordset(${JSON.stringify(results)}::text::jsonb) as x(
        id text, run_id text, scorer_index int, scorer text, name text, passed boolean, score float8, threshold float8,
        reason text, scorer_output jsonb, duration_ms int)
      join done d on d.id = x.run_id
      returning 1
    ), counts as (
      select suite_run_id,
        count(*) filter (where status = 'passed')::int as p, count(*) filter (where status = 'failed')::int as f,
        count(*) filter (where status = 'error')::int as e, count(*) filter (where status = 'cancelled')::int as c,
        count(*)::int as n, max(completed_seq) as seq
      from done group by suite_run_id
    ), sr as (
      update suite_runs s set
        passed_count = s.passed_count + k.p, failed_count = s.failed_count + k.f,
        errored_count = s.errored_count + k.e, cancelled_count = s.cancelled_count + k.c,
        status = case when s.passed_count + s.failed_count + s.errored_count + s.cancelled_count + k.n >= s.total_runs
          then assay_suite_run_verdict(s.total_runs, s.passed_count + k.p, s.failed_count + k.f, s.errored_count + k.e,
                                       s.cancelled_count + k.c, s.pass_threshold, s.cancel_requested_at is not null)
          else 'running' end,
        completed_at = case when s.passed_count + s.failed_count + s.errored_count + s.cancelled_count + k.n >= s.total_runs
          then now() else null end
      from counts k where s.id = k.suite_run_id
      returning s.id, s.status, s.completed_at is not null as finished, k.seq, k.n, ${sql.unsafe(SUITE_RUN_PAYLOAD_COLUMNS)}
    ), hooks as (
      select w.id, w.project_id, w.events from webhooks w
      where w.project_id in (select project_id from done) and w.deleted_at is null
    ), run_deliveries as (
      insert into webhook_deliveries (id, project_id, webhook_id, event, payload)
      select x.id, x.project_id, x.webhook_id, x.event, ${sql.unsafe(ENVELOPE_SQL)}
      from (select ${sql.unsafe(typeIdSql("dlv", "y.bits"))} as id, y.* from (
        select ${sql.unsafe(NEW_ID_BITS_SQL)} as bits, h.project_id, h.id as webhook_id, 'run.completed' as event,
          jsonb_build_object('id', d.id, 'suite_run_id', d.suite_run_id, 'scenario_id', r.scenario_id, 'scenario_name', sc.name,
            'target_id', r.target_id, 'target_name', t.name, 'repeat_index', r.repeat_index, 'status', d.status,
            'latency_ms', v.latency_ms, 'error_code', v.error_code) as data
        from done d join hooks h on h.project_id = d.project_id and 'run.completed' = any(h.events)
        join v on v.id = d.id join runs r on r.id = d.id
        left join scenarios sc on sc.id = r.scenario_id left join targets t on t.id = r.target_id
        order by d.completed_seq offset 0) y) x
      returning id
    ), suite_deliveries as (
      insert into webhook_deliveries (id, project_id, webhook_id, event, payload)
      select x.id, x.project_id, x.webhook_id, x.event, ${sql.unsafe(ENVELOPE_SQL)}
      from (select ${sql.unsafe(typeIdSql("dlv", "y.bits"))} as id, y.* from (
        select ${sql.unsafe(NEW_ID_BITS_SQL)} as bits, h.project_id, h.id as webhook_id, 'suite_run.completed' as event,
          ${sql.unsafe(SUITE_RUN_PAYLOAD_SQL)} as data
        from sr s join hooks h on h.project_id = s.project_id and 'suite_run.completed' = any(h.events)
        join projects p on p.id = s.project_id cross join (select ${publicUrl()}::text as base_url) u
        where s.finished offset 0) y) x
      returning id
    ), jobs as (
      select ${sql.unsafe(enqueueDeliveriesSql("(select id from run_deliveries union all select id from suite_deliveries)"))}
      where exists (select 1 from run_deliveries) or exists (select 1 from suite_deliveries)
    )
    select sr.id as suite_run_id, sr.status, sr.finished, sr.seq::float8 as seq, sr.n as written,
      pg_notify(${EVENTS_CHANNEL}, json_build_object('s', sr.id, 'q', sr.seq, 'f', sr.finished)::text) is not null as notified,
      (select count(*) from ins) as results_written, (select count(*) from jobs) as delivery_jobs
    from sr`;
}

/** Enqueue one execute_chunk job per chunk, in the caller's transaction. */
export async function enqueueChunks(
  sql: Sql,
  suiteRunId: string,
  chunks: ChunkRange[],
): Promise<void> {
  if (chunks.length === 0) return;
  await sql`
    select graphile_worker.add_jobs(array(
      select row('execute_chunk', json_build_object('suite_run_id', ${suiteRunId}::text, 'chunk', c, 'first', f, 'last', l),
        null, null, 25, null, 0, null)::graphile_worker.job_spec
      from unnest(${chunks.map((c) => c.chunk)}::int[], ${chunks.map((c) => c.first)}::text[],
                  ${chunks.map((c) => c.last)}::text[]) as x(c, f, l)))`;
}
