import { publicUrl } from "@/lib/env";

export type SuiteRunRow = {
  id: string;
  project_id: string;
  project_slug?: string;
  suite_id: string | null;
  suite_name: string | null;
  trigger: string;
  status: string;
  total_runs: number;
  passed_count: number;
  failed_count: number;
  errored_count: number;
  cancelled_count: number;
  pass_threshold: number;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
  parent_suite_run_id: string | null;
  config_override: Record<string, unknown>;
  trigger_meta: Record<string, unknown>;
  triggered_by: unknown;
  max_concurrency: number | null;
};

export const SUITE_RUN_COLUMNS = `sr.id, sr.project_id, p.slug as project_slug, sr.suite_id, sr.suite_name, sr.trigger, sr.status, sr.total_runs,
  sr.passed_count, sr.failed_count, sr.errored_count, sr.cancelled_count, sr.pass_threshold, sr.created_at, sr.started_at,
  sr.completed_at, sr.parent_suite_run_id, sr.config_override, sr.trigger_meta, sr.triggered_by, sr.max_concurrency`;

const TERMINAL = new Set(["passed", "failed", "error", "cancelled"]);
export const isTerminal = (status: string) => TERMINAL.has(status);

export function suiteRunUrl(row: Pick<SuiteRunRow, "id" | "project_slug">): string {
  return `${publicUrl()}/p/${row.project_slug ?? "-"}/runs/${row.id}`;
}

/** The suite run as API.md shows it (without `runs`). Counts always come from the same row. */
export function suiteRunJson(row: SuiteRunRow) {
  const done = row.passed_count + row.failed_count + row.errored_count + row.cancelled_count;
  const denominator = row.total_runs - row.cancelled_count;
  const passRate = denominator > 0 ? row.passed_count / denominator : 0;
  const judged = row.passed_count + row.failed_count + row.errored_count;
  const terminal = isTerminal(row.status);
  return {
    id: row.id,
    suite_id: row.suite_id,
    suite_name: row.suite_name,
    trigger: row.trigger,
    status: row.status,
    total_runs: row.total_runs,
    passed_count: row.passed_count,
    failed_count: row.failed_count,
    errored_count: row.errored_count,
    cancelled_count: row.cancelled_count,
    pending_count: row.total_runs - done,
    completed_count: done,
    pass_rate: round(passRate),
    /** Pass rate among the runs finished so far (what a live view shows). */
    completed_pass_rate: judged > 0 ? round(row.passed_count / judged) : null,
    gate: {
      threshold: row.pass_threshold,
      passed: terminal && row.status !== "cancelled" ? row.status === "passed" : null,
    },
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    completed_at: row.completed_at?.toISOString() ?? null,
    duration_ms:
      row.completed_at && row.started_at
        ? row.completed_at.getTime() - row.started_at.getTime()
        : row.completed_at
          ? row.completed_at.getTime() - row.created_at.getTime()
          : null,
    parent_suite_run_id: row.parent_suite_run_id,
    config_override: row.config_override,
    trigger_meta: row.trigger_meta,
    triggered_by: row.triggered_by,
    max_concurrency: row.max_concurrency,
    url: suiteRunUrl(row),
  };
}
export type SuiteRunJson = ReturnType<typeof suiteRunJson>;

export type RunSummaryRow = {
  id: string;
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  status: string;
  latency_ms: number | null;
  error_code?: string | null;
};

export const RUN_SUMMARY_COLUMNS = `r.id, r.scenario_id, sc.name as scenario_name, r.target_id, t.name as target_name, r.repeat_index, r.status, r.latency_ms, r.error_code`;
export const RUN_SUMMARY_JOINS = `left join scenarios sc on sc.id = r.scenario_id left join targets t on t.id = r.target_id`;

export function runSummaryJson(r: RunSummaryRow) {
  return {
    id: r.id,
    scenario_id: r.scenario_id,
    scenario_name: r.scenario_name,
    target_id: r.target_id,
    target_name: r.target_name,
    repeat_index: r.repeat_index,
    status: r.status,
    latency_ms: r.latency_ms,
    error_code: r.error_code ?? null,
  };
}

export type ResultRowDb = {
  id: string;
  run_id: string;
  scorer: string;
  name: string;
  passed: boolean;
  score: number;
  threshold: number;
  reason: string;
  scorer_output: Record<string, unknown>;
  duration_ms: number;
};

export function resultJson(r: ResultRowDb) {
  return {
    id: r.id,
    scorer: r.scorer,
    name: r.name,
    passed: r.passed,
    score: r.score,
    threshold: r.threshold,
    reason: r.reason,
    scorer_output: r.scorer_output,
    duration_ms: r.duration_ms,
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;
