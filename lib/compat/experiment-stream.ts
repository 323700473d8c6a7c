import { getSql } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { subscribe } from "@/lib/events/bus";
import { sseResponse } from "@/lib/http/sse";
import { isTerminal } from "@/lib/runs/json";
import { findSuiteRunRow } from "@/lib/runs/repo";
import { requireSuiteRun } from "@/lib/runs/read";
import { experimentSummary } from "./summary";
import type { ExperimentFrame } from "./schemas";

const COALESCE_MS = 100;
const POLL_FALLBACK_MS = 2_000; // in case a NOTIFY was missed
const PAGE = 500;
const OUTPUT_EXCERPT = 1000;

type FinishedRun = {
  id: string;
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  status: "passed" | "failed" | "error" | "cancelled";
  latency_ms: number | null;
  cost_usd: number | null;
  error_code: string | null;
  error_message: string | null;
  output_text: string | null;
  seq: number;
  results:
    { name: string; passed: boolean; score: number; threshold: number; reason: string }[] | null;
};

/**
 * The SSE variant of POST /api/evaluations/v3/{slug}/run: LangWatch's frames (`data: {type, …}`
 * only), `execution_started` first and `done` last. NOTIFY only wakes the stream; every frame is
 * read from the database, in completion order.
 */
export async function experimentEvents({
  ctx,
  id,
  req,
}: {
  ctx: Ctx;
  id: string;
  req: Request;
}): Promise<Response> {
  const initial = await requireSuiteRun(ctx, id);
  const sql = getSql();
  const rows = await rowIndexes(initial.id);
  return sseResponse(
    async ({ send, close, signal }) => {
      const frame = (data: ExperimentFrame) => send("message", data);
      frame({ type: "execution_started", runId: initial.id, total: initial.total_runs });
      let cursor = 0;
      let reported = -1;
      let timer: NodeJS.Timeout | null = null;
      let flushing = false;
      let again = false;

      const flush = async () => {
        timer = null;
        if (flushing) return void (again = true);
        flushing = true;
        try {
          // The suite run before its runs (see lib/events/stream.ts): `done` never precedes a cell.
          const row = await findSuiteRunRow(sql, ctx.projectId, initial.id);
          for (;;) {
            const page = await finishedAfter(initial.id, cursor);
            for (const run of page) {
              for (const f of runFrames(initial.id, run, rows)) frame(f);
              cursor = run.seq;
            }
            if (page.length < PAGE) break;
          }
          if (!row) return close();
          const completed =
            row.passed_count + row.failed_count + row.errored_count + row.cancelled_count;
          if (completed !== reported) {
            frame({ type: "progress", completed, total: row.total_runs });
            reported = completed;
          }
          if (isTerminal(row.status)) {
            if (row.status === "cancelled") frame({ type: "stopped", reason: "user" });
            frame({ type: "done", summary: await experimentSummary(row) });
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
      const schedule = () => {
        timer ??= setTimeout(() => void flush().catch(() => close()), COALESCE_MS);
      };

      const unsubscribe = await subscribe(initial.id, schedule);
      const poll = setInterval(schedule, POLL_FALLBACK_MS);
      signal.addEventListener("abort", () => {
        unsubscribe();
        clearInterval(poll);
        if (timer) clearTimeout(timer);
      });
      await flush();
    },
    { signal: req.signal, raw: true },
  );
}

function runFrames(runId: string, run: FinishedRun, rows: Map<string, number>): ExperimentFrame[] {
  if (run.status === "cancelled") return [];
  const rowIndex = rows.get(`${run.scenario_id}:${run.repeat_index}`) ?? 0;
  const cell = { runId, cellId: run.id, rowIndex, targetId: run.target_id };
  const error =
    run.status === "error"
      ? `${run.error_code ?? "error"}: ${run.error_message ?? "the run could not be judged"}`
      : undefined;
  const frames: ExperimentFrame[] = [
    {
      type: "target_result",
      ...cell,
      scenarioId: run.scenario_id,
      scenario: run.scenario_name,
      target: run.target_name,
      repeatIndex: run.repeat_index,
      status: run.status,
      output: run.output_text,
      latency: run.latency_ms,
      duration: run.latency_ms,
      cost: run.cost_usd,
      ...(error ? { error } : {}),
    },
  ];
  for (const r of run.results ?? [])
    frames.push({
      type: "evaluator_result",
      ...cell,
      evaluatorId: r.name,
      evaluator: r.name,
      result: {
        status: "processed",
        passed: r.passed,
        score: r.score,
        threshold: r.threshold,
        details: r.reason,
      },
    });
  if (error)
    frames.push({ type: "error", message: error, code: run.error_code ?? "error", ...cell });
  return frames;
}

/** Row = scenario × repeat, numbered in the order the suite run lists them (LangWatch's dataset rows). */
async function rowIndexes(suiteRunId: string): Promise<Map<string, number>> {
  const rows = await getSql()<{ scenario_id: string; repeat_index: number; row_index: number }[]>`
    select scenario_id, repeat_index, (row_number() over (order by min(id)) - 1)::int as row_index
    from runs where suite_run_id = ${suiteRunId} group by scenario_id, repeat_index`;
  return new Map(rows.map((r) => [`${r.scenario_id}:${r.repeat_index}`, r.row_index]));
}

async function finishedAfter(suiteRunId: string, cursor: number): Promise<FinishedRun[]> {
  const sql = getSql();
  return sql<FinishedRun[]>`
    select r.id, r.scenario_id, sc.name as scenario_name, r.target_id, t.name as target_name, r.repeat_index,
      r.status, r.latency_ms, r.cost_usd, r.error_code, r.error_message, r.completed_seq::float8 as seq,
      left(case when jsonb_typeof(r.output) = 'string' then r.output #>> '{}' else r.output::text end, ${OUTPUT_EXCERPT}) as output_text,
      (select json_agg(json_build_object('name', x.name, 'passed', x.passed, 'score', x.score, 'threshold', x.threshold,
        'reason', x.reason) order by x.scorer_index) from results x where x.run_id = r.id) as results
    from runs r left join scenarios sc on sc.id = r.scenario_id left join targets t on t.id = r.target_id
    where r.suite_run_id = ${suiteRunId} and r.completed_seq > ${cursor}
    order by r.completed_seq limit ${PAGE}`;
}
