import * as compat from "@/lib/compat/schemas";
import type { Operation } from "../registry";

const experimentRun = (path: string, operationId: string, alias?: string): Operation => ({
  method: "post",
  path,
  operationId,
  summary: alias ? `Run an experiment (alias of ${alias})` : "Run an experiment (LangWatch)",
  description:
    "Runs the suite named by `{slug}` as a LangWatch Evaluations V3 experiment. Returns `{runId, status, total, runUrl}` at once; poll GET /api/evaluations/v3/runs/{runId}. With `Accept: text/event-stream` the same call streams `data: {type, …}` frames: `execution_started`, then per finished cell `target_result`, one `evaluator_result` per scorer, `error` for errored cells, `progress`, `stopped` if cancelled, and finally `done` with the summary. Auth: `X-Auth-Token` (or any Assay key header).",
  tag: "Compatibility: LangWatch",
  auth: "project",
  scope: "run",
  compat: true,
  params: { slug: "The suite's slug (or id)" },
  body: compat.experimentRunInput,
  idempotent: true,
  responses: {
    200: {
      description: "The run started",
      schema: compat.experimentStarted,
      stream: {
        description: "With `Accept: text/event-stream`: one JSON frame per `data:` line",
        schema: compat.experimentFrame,
      },
    },
  },
  errors: [400],
});

const experimentStatus = (path: string, operationId: string, alias?: string): Operation => ({
  method: "get",
  path,
  operationId,
  summary: alias
    ? `Poll an experiment run (alias of ${alias})`
    : "Poll an experiment run (LangWatch)",
  description:
    "`completed` once every cell is terminal whatever the verdicts; `failed` only when the run itself broke (every cell errored); `stopped` when cancelled; `pending` while queued. A cell is one run.",
  tag: "Compatibility: LangWatch",
  auth: "project",
  scope: "read",
  compat: true,
  params: { runId: "The `runId` returned when the run started (`srun_…`)" },
  responses: {
    200: { description: "Status, progress and summary", schema: compat.experimentStatus },
  },
});

/** Routes that mirror the products Assay replaces, on top of the same services. */
export const compatOperations: Operation[] = [
  {
    method: "post",
    path: "/api/suites/{id}/run",
    operationId: "langwatchRunSuite",
    summary: "Run a suite (LangWatch)",
    description:
      "LangWatch's suite trigger. `batchRunId` is the suite run id, `setId` the suite id, `jobCount` the number of runs. Auth: `X-Auth-Token` (or any Assay key header). Errors are `{error, message}`.",
    tag: "Compatibility: LangWatch",
    auth: "project",
    scope: "run",
    compat: true,
    params: { id: "The suite's id (`suite_…`) or slug" },
    body: compat.langwatchSuiteRunInput,
    idempotent: true,
    responses: { 200: { description: "Scheduled", schema: compat.langwatchSuiteRunResponse } },
    errors: [400],
  },
  experimentRun("/api/evaluations/v3/{slug}/run", "langwatchRunExperiment"),
  experimentRun(
    "/api/experiments/{slug}/run",
    "langwatchRunExperimentAlias",
    "/api/evaluations/v3/{slug}/run",
  ),
  experimentStatus("/api/evaluations/v3/runs/{runId}", "langwatchExperimentStatus"),
  experimentStatus(
    "/api/experiments/runs/{runId}",
    "langwatchExperimentStatusAlias",
    "/api/evaluations/v3/runs/{runId}",
  ),
  {
    method: "post",
    path: "/api/v1/scenarios/{id}/schedule",
    operationId: "scheduleScenario",
    summary: "Schedule N executions of a scenario (Cognigy-style)",
    description:
      "One scenario on one target, `number_of_executions` times, as one suite run (`id`). Validation errors answer 400 (not 422), naming the bad `field` and its `code`.",
    tag: "Compatibility: Cognigy",
    auth: "project",
    scope: "run",
    params: { id: "The scenario's id (`scn_…`)" },
    body: compat.scheduleScenarioInput,
    idempotent: true,
    validationStatus: 400,
    responses: { 201: { description: "The schedule", schema: compat.scheduledScenario } },
  },
  {
    method: "get",
    path: "/api/v1/scenarios/{id}/schedule/{scheduleId}",
    operationId: "getScenarioSchedule",
    summary: "Poll a schedule (Cognigy-style)",
    tag: "Compatibility: Cognigy",
    auth: "project",
    scope: "read",
    params: { id: "The scenario's id (`scn_…`)", scheduleId: "The schedule's `id`" },
    responses: {
      200: { description: "The schedule's progress", schema: compat.scheduledScenario },
    },
  },
];
