/** The parts of the API's JSON the CLI reads (docs/api.md). */
export type SuiteRun = {
  id: string;
  suite_id: string | null;
  suite_name: string | null;
  trigger: string;
  status: "queued" | "running" | "passed" | "failed" | "error" | "cancelled";
  total_runs: number;
  passed_count: number;
  failed_count: number;
  errored_count: number;
  cancelled_count: number;
  pending_count: number;
  pass_rate: number;
  gate: { threshold: number; passed: boolean | null };
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  trigger_meta: Record<string, unknown>;
  url: string;
};

export type RunSummary = {
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

export type ComparePair = {
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  baseline: { run_id: string; status: string } | null;
  current: { run_id: string; status: string } | null;
};

export type Compare = {
  baseline_id: string;
  baseline?: { url?: string; pass_rate?: number; created_at?: string };
  pass_rate_delta: number;
  regressions: ComparePair[];
  fixes: ComparePair[];
  unchanged_count: number;
  new: ComparePair[];
  removed: ComparePair[];
};

export type Progress = {
  completed: number;
  total: number;
  passed: number;
  failed: number;
  errored: number;
  cancelled: number;
};

export const TERMINAL = new Set(["passed", "failed", "error", "cancelled"]);

export function progressOf(run: {
  total_runs: number;
  passed_count: number;
  failed_count: number;
  errored_count: number;
  cancelled_count: number;
}): Progress {
  const done = run.passed_count + run.failed_count + run.errored_count + run.cancelled_count;
  return {
    completed: done,
    total: run.total_runs,
    passed: run.passed_count,
    failed: run.failed_count,
    errored: run.errored_count,
    cancelled: run.cancelled_count,
  };
}
