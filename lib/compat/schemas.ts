import { z } from "zod";
import { configOverride } from "@/lib/runs/schemas";

const id = (description: string) => z.string().meta({ description });
const epochMs = (description: string) =>
  z
    .number()
    .int()
    .nullable()
    .meta({ description: `${description} (Unix epoch milliseconds)` });

// ---------- LangWatch suites: POST /api/suites/{id}/run ----------

export const langwatchSuiteRunInput = z.strictObject({
  idempotencyKey: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: "Same key + same body within 24 h replays the first response" }),
});

export const langwatchSuiteRunResponse = z.object({
  scheduled: z.literal(true),
  batchRunId: id("The suite run (`srun_…`)"),
  setId: id("The suite (`suite_…`)"),
  jobCount: z.number().int().meta({ description: "Runs scheduled: scenarios × targets × repeats" }),
  skippedArchived: z.object({
    scenarios: z.array(z.string()).meta({ description: "Archived scenario ids left out" }),
    targets: z.array(z.string()).meta({ description: "Archived target ids left out" }),
  }),
  items: z.array(
    z.object({
      scenarioRunId: id("The run (`run_…`)"),
      scenarioId: z.string(),
      target: z.object({
        type: z.enum(["http", "prompt", "code", "workflow"]),
        referenceId: id("The target (`tgt_…`)"),
      }),
      name: z.string().meta({ description: "The scenario's name" }),
    }),
  ),
});
export type LangwatchSuiteRunResponse = z.infer<typeof langwatchSuiteRunResponse>;

// ---------- LangWatch experiments: /api/evaluations/v3/… ----------

export const experimentRunInput = z.strictObject({
  idempotencyKey: z.string().min(1).max(255).optional(),
});

export const experimentStarted = z.object({
  runId: id("The suite run (`srun_…`); poll GET /api/evaluations/v3/runs/{runId}"),
  status: z.literal("running"),
  total: z.number().int().meta({ description: "Cells (runs) to execute" }),
  runUrl: z.string().meta({ description: "The run's page in the dashboard" }),
});
export type ExperimentStarted = z.infer<typeof experimentStarted>;

export const experimentStatusValues = [
  "pending",
  "running",
  "completed",
  "failed",
  "stopped",
] as const;

export const experimentTargetStats = z.object({
  targetId: z.string(),
  name: z.string(),
  passed: z.number().int(),
  failed: z.number().int().meta({ description: "Cells judged and found wanting" }),
  errored: z.number().int().meta({ description: "Cells that could not be judged (errors)" }),
  avgLatency: z.number().meta({ description: "Mean latency of the finished cells, ms" }),
  totalCost: z.number().meta({ description: "USD" }),
});

export const experimentEvaluatorStats = z.object({
  evaluatorId: z.string().meta({ description: "The scorer's name" }),
  name: z.string(),
  type: z.string().meta({ description: "The scorer type (contains, llm_judge, …)" }),
  passed: z.number().int(),
  failed: z.number().int(),
  passRate: z.number().meta({ description: "0–100" }),
  avgScore: z.number().nullable().meta({ description: "Mean score in [0, 1]" }),
});

export const experimentSummary = z.object({
  runId: z.string(),
  totalCells: z.number().int(),
  completedCells: z
    .number()
    .int()
    .meta({ description: "Cells that finished (passed, failed or errored)" }),
  failedCells: z.number().int().meta({ description: "Cells that errored (could not be judged)" }),
  duration: z.number().int().meta({ description: "ms since the run started" }),
  totalPassed: z.number().int(),
  totalFailed: z.number().int(),
  totalErrored: z.number().int(),
  passRate: z.number().meta({
    description:
      "0–100: passed ÷ (cells − cancelled), the same rate the suite run's gate uses (errored cells count against it)",
  }),
  totalCost: z.number().meta({ description: "USD" }),
  runUrl: z.string(),
  timestamps: z.object({
    startedAt: epochMs("When the first cell started"),
    finishedAt: epochMs("When every cell was terminal"),
    stoppedAt: epochMs("When the run was cancelled"),
  }),
  targets: z.array(experimentTargetStats),
  evaluators: z.array(experimentEvaluatorStats),
});
export type ExperimentSummary = z.infer<typeof experimentSummary>;

export const experimentStatus = z.object({
  runId: z.string(),
  status: z.enum(experimentStatusValues).meta({
    description:
      "`completed` once every cell is terminal whatever the verdicts; `failed` only when the run itself broke (every cell errored); `stopped` when cancelled",
  }),
  progress: z.number().int().meta({ description: "Terminal cells so far" }),
  total: z.number().int(),
  startedAt: epochMs("When the run was created"),
  finishedAt: epochMs("When the run became terminal"),
  error: z.string().nullable().meta({ description: "Why the run failed (status `failed`)" }),
  summary: experimentSummary,
});
export type ExperimentStatus = z.infer<typeof experimentStatus>;

/** The `data:` payloads of the SSE variant, in the order they can arrive. */
export const experimentFrame = z.discriminatedUnion("type", [
  z.object({ type: z.literal("execution_started"), runId: z.string(), total: z.number().int() }),
  z.object({
    type: z.literal("target_result"),
    runId: z.string(),
    cellId: id("The run (`run_…`)"),
    rowIndex: z.number().int().meta({ description: "Scenario × repeat row, from 0" }),
    scenarioId: z.string(),
    scenario: z.string().nullable(),
    targetId: z.string(),
    target: z.string().nullable(),
    repeatIndex: z.number().int(),
    status: z.enum(["passed", "failed", "error"]),
    output: z.string().nullable().meta({ description: "The output, as text, cut at 1000 chars" }),
    latency: z.number().int().nullable().meta({ description: "ms" }),
    duration: z
      .number()
      .int()
      .nullable()
      .meta({ description: "ms (LangWatch's name for latency)" }),
    cost: z.number().nullable(),
    error: z.string().optional(),
  }),
  z.object({
    type: z.literal("evaluator_result"),
    runId: z.string(),
    cellId: z.string(),
    rowIndex: z.number().int(),
    targetId: z.string(),
    evaluatorId: z.string(),
    evaluator: z.string(),
    result: z.object({
      status: z.literal("processed"),
      passed: z.boolean(),
      score: z.number(),
      threshold: z.number(),
      details: z.string(),
    }),
  }),
  z.object({
    type: z.literal("progress"),
    completed: z.number().int(),
    total: z.number().int(),
  }),
  z.object({
    type: z.literal("error"),
    message: z.string(),
    code: z.string().optional(),
    runId: z.string().optional(),
    cellId: z.string().optional(),
    rowIndex: z.number().int().optional(),
    targetId: z.string().optional(),
  }),
  z.object({ type: z.literal("stopped"), reason: z.enum(["user", "error"]) }),
  z.object({ type: z.literal("done"), summary: experimentSummary }),
]);
export type ExperimentFrame = z.infer<typeof experimentFrame>;

// ---------- Cognigy-style: POST /api/v1/scenarios/{id}/schedule ----------

export const scheduleScenarioInput = z.strictObject({
  name: z.string().trim().min(1).max(200).meta({ description: "Returned as `reference_id`" }),
  number_of_executions: z.number().int().min(1).max(1000),
  run_config: z.strictObject({
    target_id: z.string().min(1).max(100),
    config_override: configOverride.optional(),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "Free-form data kept with the run (`trigger_meta.data`)" }),
  }),
  idempotency_key: z.string().min(1).max(255).optional(),
});
export type ScheduleScenarioInput = z.infer<typeof scheduleScenarioInput>;

export const scheduleStatusValues = [
  "pending",
  "running",
  "completed",
  "failed",
  "stopped",
] as const;

export const scheduledScenario = z.object({
  id: id("The suite run (`srun_…`)"),
  reference_id: z.string().meta({ description: "The schedule's `name`" }),
  scenario_id: z.string(),
  target_id: z.string(),
  status: z.enum(scheduleStatusValues),
  runs: z.number().int().meta({ description: "number_of_executions" }),
  completed_runs: z.number().int().meta({ description: "Runs finished with any verdict" }),
  passed_runs: z.number().int(),
  failed_runs: z.number().int().meta({ description: "Runs judged and found wanting" }),
  errored_runs: z.number().int().meta({ description: "Runs that could not be judged" }),
  created_at: z.string().meta({ format: "date-time" }),
  started_at: z.string().nullable().meta({ format: "date-time" }),
  completed_at: z.string().nullable().meta({ format: "date-time" }),
  url: z.string().meta({ description: "The run's page in the dashboard" }),
});
export type ScheduledScenario = z.infer<typeof scheduledScenario>;
