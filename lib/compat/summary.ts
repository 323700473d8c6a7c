import { getSql } from "@/db/client";
import { suiteRunUrl, type SuiteRunRow } from "@/lib/runs/json";
import type { ExperimentSummary } from "./schemas";

/** queued → pending, running → running, cancelled → stopped, any other terminal status → completed. */
export function compatStatus(row: Pick<SuiteRunRow, "status">) {
  switch (row.status) {
    case "queued":
      return "pending" as const;
    case "running":
      return "running" as const;
    case "cancelled":
      return "stopped" as const;
    default:
      return "completed" as const;
  }
}

/**
 * The run itself broke when it ended in error without judging a single cell (every cell errored,
 * e.g. the target was unreachable): then the reason, else null.
 */
export async function runFailure(row: SuiteRunRow): Promise<string | null> {
  if (row.status !== "error" || row.passed_count + row.failed_count > 0) return null;
  const [first] = await getSql()<{ error_code: string | null; error_message: string | null }[]>`
    select error_code, error_message from runs where suite_run_id = ${row.id} and status = 'error' order by id limit 1`;
  const cause = first ? `${first.error_code ?? "error"}: ${first.error_message ?? ""}`.trim() : "";
  return `Every cell errored (${row.errored_count} of ${row.total_runs})${cause ? `; first: ${cause}` : ""}`;
}

/** Per-target and per-evaluator numbers of a suite run, in LangWatch's summary shape. */
export async function experimentSummary(row: SuiteRunRow): Promise<ExperimentSummary> {
  const sql = getSql();
  const [targets, evaluators] = await Promise.all([
    sql<
      {
        target_id: string;
        name: string;
        passed: number;
        failed: number;
        errored: number;
        avg_latency: number | null;
        total_cost: number;
      }[]
    >`
      select r.target_id, coalesce(t.name, r.target_id) as name,
        count(*) filter (where r.status = 'passed')::int as passed,
        count(*) filter (where r.status = 'failed')::int as failed,
        count(*) filter (where r.status = 'error')::int as errored,
        avg(r.latency_ms) filter (where r.status in ('passed', 'failed', 'error'))::float8 as avg_latency,
        coalesce(sum(r.cost_usd), 0)::float8 as total_cost
      from runs r left join targets t on t.id = r.target_id
      where r.suite_run_id = ${row.id} group by r.target_id, t.name order by min(r.id)`,
    sql<{ name: string; scorer: string; passed: number; failed: number; avg_score: number }[]>`
      select name, scorer, count(*) filter (where passed)::int as passed,
        count(*) filter (where not passed)::int as failed, avg(score)::float8 as avg_score
      from results where suite_run_id = ${row.id} group by name, scorer order by min(scorer_index), name`,
  ]);
  const judgedDenominator = row.total_runs - row.cancelled_count;
  const startedAt = row.started_at ?? null;
  const end = row.completed_at ?? new Date();
  return {
    runId: row.id,
    totalCells: row.total_runs,
    completedCells: row.passed_count + row.failed_count + row.errored_count,
    failedCells: row.errored_count,
    duration: startedAt ? Math.max(0, end.getTime() - startedAt.getTime()) : 0,
    totalPassed: row.passed_count,
    totalFailed: row.failed_count,
    totalErrored: row.errored_count,
    passRate: judgedDenominator > 0 ? percent(row.passed_count / judgedDenominator) : 0,
    totalCost: round(
      targets.reduce((sum, t) => sum + t.total_cost, 0),
      6,
    ),
    runUrl: suiteRunUrl(row),
    timestamps: {
      startedAt: startedAt?.getTime() ?? null,
      finishedAt: row.status !== "cancelled" ? (row.completed_at?.getTime() ?? null) : null,
      stoppedAt: row.status === "cancelled" ? (row.completed_at?.getTime() ?? null) : null,
    },
    targets: targets.map((t) => ({
      targetId: t.target_id,
      name: t.name,
      passed: t.passed,
      failed: t.failed,
      errored: t.errored,
      avgLatency: round(t.avg_latency ?? 0, 1),
      totalCost: round(t.total_cost, 6),
    })),
    evaluators: evaluators.map((e) => ({
      evaluatorId: e.name,
      name: e.name,
      type: e.scorer,
      passed: e.passed,
      failed: e.failed,
      passRate: e.passed + e.failed > 0 ? percent(e.passed / (e.passed + e.failed)) : 0,
      avgScore: e.avg_score === null ? null : round(e.avg_score, 4),
    })),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const percent = (ratio: number) => round(ratio * 100, 2);
