import { z } from "zod";
import { triggers } from "@/db/schema";
import { anyJson, jsonObject, nullableTime, time } from "./common";
import { errorObject } from "./resources";

const runStatus = z.enum(["queued", "running", "passed", "failed", "error", "cancelled"]);

export const suiteRun = z.object({
  id: z.string(),
  suite_id: z.string().nullable().meta({ description: "null for ad-hoc batches and schedules" }),
  suite_name: z.string().nullable(),
  trigger: z.enum(triggers),
  status: runStatus,
  total_runs: z.number().int(),
  passed_count: z.number().int(),
  failed_count: z.number().int(),
  errored_count: z.number().int(),
  cancelled_count: z.number().int(),
  pending_count: z.number().int(),
  completed_count: z.number().int(),
  pass_rate: z.number().meta({ description: "passed ÷ (total − cancelled), 0–1" }),
  completed_pass_rate: z
    .number()
    .nullable()
    .meta({ description: "Pass rate among the runs judged so far" }),
  gate: z.object({
    threshold: z.number(),
    passed: z
      .boolean()
      .nullable()
      .meta({ description: "null until terminal (and when cancelled)" }),
  }),
  created_at: time,
  started_at: nullableTime,
  completed_at: nullableTime.meta({ description: "null until every child is terminal" }),
  duration_ms: z.number().int().nullable(),
  parent_suite_run_id: z.string().nullable(),
  config_override: jsonObject,
  trigger_meta: jsonObject,
  triggered_by: anyJson,
  max_concurrency: z.number().int().nullable(),
  url: z.string().meta({ description: "The run's page in the dashboard" }),
});

export const runSummary = z.object({
  id: z.string(),
  scenario_id: z.string(),
  scenario_name: z.string().nullable(),
  target_id: z.string(),
  target_name: z.string().nullable(),
  repeat_index: z.number().int(),
  status: runStatus,
  latency_ms: z.number().int().nullable(),
  error_code: z.string().nullable(),
});

export const suiteRunDetail = suiteRun.extend({
  runs: z.array(runSummary).meta({
    description:
      "Every child when the suite run has at most 500; otherwise the first 50 and `runs_truncated: true` (page them all with /runs)",
  }),
  runs_truncated: z.boolean(),
});

const triggeredItem = z.object({
  run_id: z.string(),
  scenario_id: z.string(),
  target: z.object({ type: z.literal("target"), id: z.string() }),
  repeat_index: z.number().int(),
});

export const batchSuiteRun = suiteRun.extend({ items: z.array(triggeredItem) });

export const triggeredSuiteRun = batchSuiteRun.extend({
  items: z
    .array(triggeredItem)
    .optional()
    .describe("One entry per run; left out with `?items=false`"),
  skipped_archived: z.object({ scenarios: z.array(z.string()), targets: z.array(z.string()) }),
});

export const suiteRunHistory = z.object({
  data: z.array(suiteRun),
  pagination: z.object({
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
    hasMore: z.boolean(),
  }),
});

export const childRuns = z.object({
  data: z.array(runSummary),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
  total: z.number().int().meta({ description: "Runs matching the filters" }),
});

export const result = z.object({
  id: z.string(),
  scorer: z.string(),
  name: z.string(),
  passed: z.boolean(),
  score: z.number(),
  threshold: z.number(),
  reason: z.string(),
  scorer_output: jsonObject.meta({ description: "Scorer-specific; see the guide" }),
  duration_ms: z.number().int(),
});

export const suiteRunResults = z.object({
  data: z.array(
    result.extend({
      run_id: z.string(),
      case_id: z.string(),
      case_name: z.string().nullable(),
    }),
  ),
});

const pair = z.object({
  scenario_id: z.string(),
  scenario_name: z.string().nullable(),
  target_id: z.string(),
  target_name: z.string().nullable(),
  repeat_index: z.number().int(),
  baseline: z.object({ run_id: z.string(), status: runStatus }).nullable(),
  current: z.object({ run_id: z.string(), status: runStatus }).nullable(),
});

export const comparison = z.object({
  baseline_id: z.string(),
  current: suiteRun,
  baseline: suiteRun,
  pass_rate_delta: z.number(),
  regressions: z.array(pair),
  fixes: z.array(pair),
  unchanged_count: z.number().int(),
  new: z.array(pair),
  removed: z.array(pair),
});

export const runDetail = z.object({
  id: z.string(),
  suite_run_id: z.string(),
  scenario: z.object({ id: z.string(), name: z.string().nullable() }),
  target: z.object({ id: z.string(), type: z.string().nullable(), name: z.string().nullable() }),
  repeat_index: z.number().int(),
  status: runStatus,
  attempt: z.number().int(),
  input: anyJson,
  expected_output: anyJson,
  simulation: anyJson.meta({ description: "The scenario's simulation settings, or null" }),
  output: anyJson,
  transcript: z.array(z.object({ role: z.string(), content: z.string() }).loose()),
  error: errorObject.nullable(),
  latency_ms: z.number().int().nullable(),
  tokens: anyJson,
  cost_usd: z.number().nullable(),
  retries: z.number().int(),
  end_reason: z
    .string()
    .nullable()
    .meta({ description: "Simulated conversations: why the conversation ended" }),
  turns: z.number().int().nullable().meta({ description: "Simulated conversations: turns taken" }),
  usage: anyJson.meta({ description: "Simulated conversations: tokens and cost per role" }),
  started_at: nullableTime,
  completed_at: nullableTime,
  results: z.array(result),
});

const caseScore = z.object({
  case: z.string(),
  passed: z.boolean(),
  score: z.number(),
  threshold: z.number(),
  reason: z.string(),
});

export const evaluation = z.object({
  id: z.string(),
  status: z.enum(["cleared", "blocked", "error"]).meta({ description: "`cleared` = gate passed" }),
  passed: z.boolean(),
  total_cases: z.number().int(),
  passed_cases: z.number().int(),
  failed_cases: z.number().int(),
  errored_cases: z.number().int(),
  pass_rate: z.number(),
  duration_ms: z.number().int().nullable(),
  scores: z.array(caseScore),
  failures: z.array(caseScore),
});

export const evaluationPending = z.object({
  id: z.string(),
  status: z.literal("pending"),
  message: z.string(),
});

const progress = z.object({
  completed: z.number().int(),
  total: z.number().int(),
  passed_count: z.number().int(),
  failed_count: z.number().int(),
  errored_count: z.number().int(),
  cancelled_count: z.number().int(),
  pending_count: z.number().int(),
  status: runStatus,
});

/** The `data:` of each `event:` of GET /api/v1/suite-runs/{id}/events. */
export const suiteRunEvent = z
  .union([
    suiteRun.meta({ title: "snapshot / suite_run.completed" }),
    progress.meta({ title: "progress" }),
    z.object({ run_id: z.string() }).meta({ title: "run.started" }),
    runSummary.meta({ title: "run.completed" }),
  ])
  .meta({
    description:
      "Events `snapshot`, `progress`, `run.started`, `run.completed`, `suite_run.completed`; each has an `id:` for Last-Event-ID",
  });

export const sharedReport = z.object({
  suite_run: suiteRun.omit({ config_override: true, triggered_by: true, url: true }),
  targets: z.array(
    z.object({
      name: z.string(),
      passed: z.number().int(),
      failed: z.number().int(),
      errored: z.number().int(),
      total: z.number().int(),
      pass_rate: z.number(),
    }),
  ),
  scorers: z.array(
    z.object({
      name: z.string(),
      scorer: z.string(),
      passed: z.number().int(),
      total: z.number().int(),
      avg_score: z.number(),
      pass_rate: z.number(),
    }),
  ),
  failures: z.array(
    z.object({
      run_id: z.string(),
      scenario_name: z.string().nullable(),
      target_name: z.string().nullable(),
      status: runStatus,
      reasons: z.array(z.string()),
      output_excerpt: z.string(),
      transcript: z
        .array(
          z.object({
            role: z.string(),
            speaker: z.string().nullable(),
            content: z.string(),
            latency_ms: z.number().int().nullable(),
          }),
        )
        .nullable()
        .meta({
          description: "The conversation of a multi-turn or simulated case (first 100 turns)",
        }),
      end_reason: z.string().nullable().meta({ description: "Why a simulated conversation ended" }),
    }),
  ),
});

/** GET /api/v1/suite-runs/{id}/export?format=json */
export const suiteRunExport = suiteRun.extend({
  runs: z.array(
    z.object({
      id: z.string(),
      scenario_id: z.string(),
      scenario_name: z.string().nullable(),
      target_id: z.string(),
      target_name: z.string().nullable(),
      repeat_index: z.number().int(),
      status: runStatus,
      latency_ms: z.number().int().nullable(),
      error_code: z.string().nullable(),
      error_message: z.string().nullable(),
      output: anyJson,
      cost_usd: z.number().nullable(),
      results: z.array(result.omit({ id: true })),
    }),
  ),
});
