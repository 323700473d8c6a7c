import { getSql } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { sseResponse, type SseSend } from "@/lib/http/sse";
import {
  RUN_SUMMARY_COLUMNS,
  RUN_SUMMARY_JOINS,
  isTerminal,
  runSummaryJson,
  suiteRunJson,
  type RunSummaryRow,
} from "@/lib/runs/json";
import { findSuiteRunRow } from "@/lib/runs/repo";
import { requireSuiteRun } from "@/lib/runs/read";
import { subscribe } from "./bus";

const COALESCE_MS = 100; // at most ~10 progress events a second per stream
const POLL_FALLBACK_MS = 2_000; // in case a NOTIFY was missed (e.g. during a database restart)
const PAGE = 2_000;

/**
 * GET /api/v1/suite-runs/{id}/events: `snapshot`, then `run.started`, `run.completed` (event id = the
 * run's completion sequence, so Last-Event-ID resumes exactly) and coalesced `progress`, and a final
 * `suite_run.completed`. NOTIFY only wakes the stream; what it sends is read from the database.
 */
export async function suiteRunEvents({
  ctx,
  id,
  req,
  lastEventId,
}: {
  ctx: Ctx;
  id: string;
  req: Request;
  lastEventId?: string | null;
}): Promise<Response> {
  const initial = await requireSuiteRun(ctx, id);
  const sql = getSql();
  return sseResponse(
    async ({ send, close, signal }) => {
      let cursor = Number(lastEventId ?? req.headers.get("last-event-id") ?? NaN);
      const resuming = Number.isFinite(cursor);
      if (!resuming) {
        const [{ seq }] = await sql<
          { seq: number | null }[]
        >`select max(completed_seq)::float8 as seq from runs where suite_run_id = ${initial.id}`;
        cursor = seq ?? 0;
        send("snapshot", suiteRunJson(initial), cursor);
      }
      let timer: NodeJS.Timeout | null = null;
      let lastFlushAt = 0;
      let flushing = false;
      let again = false;
      const started: string[] = [];

      const flush = async () => {
        timer = null;
        lastFlushAt = Date.now();
        if (flushing) return void (again = true);
        flushing = true;
        try {
          for (const runId of started.splice(0)) send("run.started", { run_id: runId }, cursor);
          // The suite run first, its runs second: a run counted in `row` committed with that count,
          // so the runs read after it include it — the last run.completed never trails the end.
          const row = await findSuiteRunRow(sql, ctx.projectId, initial.id);
          cursor = await sendCompleted(send, initial.id, cursor);
          if (!row) return close();
          const json = suiteRunJson(row);
          send(
            "progress",
            {
              completed: json.completed_count,
              total: json.total_runs,
              passed_count: json.passed_count,
              failed_count: json.failed_count,
              errored_count: json.errored_count,
              cancelled_count: json.cancelled_count,
              pending_count: json.pending_count,
              status: json.status,
            },
            cursor,
          );
          if (isTerminal(row.status)) {
            send("suite_run.completed", json, cursor);
            close();
          }
        } finally {
          flushing = false;
          if (again) {
            again = false;
            schedule();
          }
        }
      };
      // Leading edge: the first event after a quiet spell goes out at once; bursts are coalesced.
      const schedule = () => {
        const wait = Math.max(0, lastFlushAt + COALESCE_MS - Date.now());
        timer ??= setTimeout(() => void flush().catch(() => close()), wait);
      };

      const unsubscribe = await subscribe(initial.id, (msg) => {
        if (msg.started) started.push(...msg.started);
        schedule();
      });
      const poll = setInterval(schedule, POLL_FALLBACK_MS);
      signal.addEventListener("abort", () => {
        unsubscribe();
        clearInterval(poll);
        if (timer) clearTimeout(timer);
      });
      await flush();
    },
    { signal: req.signal },
  );
}

/** Send every run completed after `cursor`, in completion order; returns the new cursor. */
async function sendCompleted(send: SseSend, suiteRunId: string, cursor: number): Promise<number> {
  const sql = getSql();
  for (;;) {
    const rows = await sql<(RunSummaryRow & { seq: number })[]>`
      select ${sql.unsafe(RUN_SUMMARY_COLUMNS)}, r.completed_seq::float8 as seq from runs r ${sql.unsafe(RUN_SUMMARY_JOINS)}
      where r.suite_run_id = ${suiteRunId} and r.completed_seq > ${cursor} order by r.completed_seq limit ${PAGE}`;
    for (const r of rows) {
      send("run.completed", runSummaryJson(r), r.seq);
      cursor = r.seq;
    }
    if (rows.length < PAGE) return cursor;
  }
}
