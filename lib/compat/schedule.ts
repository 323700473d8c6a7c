import { getSql } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { AppError, notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { suiteRunUrl, type SuiteRunRow } from "@/lib/runs/json";
import { findSuiteRunRow } from "@/lib/runs/repo";
import { createSuiteRun, triggeredBy, type Cell } from "@/lib/runs/trigger";
import type { ScheduleScenarioInput, ScheduledScenario } from "./schemas";
import { compatStatus, runFailure } from "./summary";

// POST /api/v1/scenarios/{id}/schedule — one scenario on one target, N executions, as one suite run
export async function scheduleScenario({
  ctx,
  scenarioId,
  input,
}: {
  ctx: Ctx;
  scenarioId: string;
  input: ScheduleScenarioInput;
}): Promise<ScheduledScenario> {
  const sql = getSql();
  const [scenario] = isId("scenario", scenarioId)
    ? await sql<{ id: string; archived: boolean }[]>`
        select id, archived from scenarios where project_id = ${ctx.projectId} and id = ${scenarioId}`
    : [];
  if (!scenario) throw notFound("Scenario");
  if (scenario.archived)
    throw new AppError("bad_request", "This scenario is archived; restore it to schedule it", {
      field: "scenario_id",
      errors: [{ field: "scenario_id", code: "archived", message: "The scenario is archived" }],
    });
  const targetId = input.run_config.target_id;
  const [target] = isId("target", targetId)
    ? await sql<{ id: string; archived: boolean }[]>`
        select id, archived from targets where project_id = ${ctx.projectId} and id = ${targetId}`
    : [];
  if (!target || target.archived) {
    const code = target ? "archived" : "not_found";
    const message = target
      ? "The target is archived"
      : `Target ${targetId} does not exist in this project`;
    throw new AppError("bad_request", message, {
      field: "run_config.target_id",
      errors: [{ field: "run_config.target_id", code, message }],
    });
  }

  const cells: Cell[] = Array.from({ length: input.number_of_executions }, (_, repeatIndex) => ({
    scenarioId: scenario.id,
    targetId: target.id,
    repeatIndex,
  }));
  const { id } = await createSuiteRun(
    sql,
    {
      projectId: ctx.projectId,
      suiteId: null,
      suiteName: input.name,
      trigger: "api",
      triggerMeta: {
        source: "schedule",
        reference_id: input.name,
        ...(input.run_config.data ? { data: input.run_config.data } : {}),
      },
      configOverride: input.run_config.config_override ?? {},
      triggeredBy: triggeredBy(ctx),
      parentSuiteRunId: null,
      passThreshold: 1,
      maxConcurrency: null,
    },
    cells,
  );
  const row = await findSuiteRunRow(sql, ctx.projectId, id);
  if (!row) throw notFound("Suite run");
  return scheduledJson(row, { name: input.name, scenarioId: scenario.id, targetId: target.id });
}

export async function scheduledJson(
  row: SuiteRunRow,
  ref: { name: string; scenarioId: string; targetId: string },
): Promise<ScheduledScenario> {
  const failure = await runFailure(row);
  return {
    id: row.id,
    reference_id: ref.name,
    scenario_id: ref.scenarioId,
    target_id: ref.targetId,
    status: failure ? "failed" : compatStatus(row),
    runs: row.total_runs,
    completed_runs: row.passed_count + row.failed_count + row.errored_count,
    passed_runs: row.passed_count,
    failed_runs: row.failed_count,
    errored_runs: row.errored_count,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    completed_at: row.completed_at?.toISOString() ?? null,
    url: suiteRunUrl(row),
  };
}

// GET /api/v1/scenarios/{id}/schedule/{scheduleId} — poll a schedule created above
export async function getScenarioSchedule({
  ctx,
  scenarioId,
  scheduleId,
}: {
  ctx: Ctx;
  scenarioId: string;
  scheduleId: string;
}): Promise<ScheduledScenario> {
  const sql = getSql();
  const row = isId("suiteRun", scheduleId)
    ? await findSuiteRunRow(sql, ctx.projectId, scheduleId)
    : null;
  if (!row || row.trigger_meta.source !== "schedule" || row.suite_id !== null)
    throw notFound("Schedule");
  const [cell] = await sql<{ scenario_id: string; target_id: string }[]>`
    select scenario_id, target_id from runs where suite_run_id = ${row.id} order by id limit 1`;
  if (!cell || cell.scenario_id !== scenarioId) throw notFound("Schedule");
  const name = row.trigger_meta.reference_id;
  return scheduledJson(row, {
    name: typeof name === "string" ? name : (row.suite_name ?? ""),
    scenarioId: cell.scenario_id,
    targetId: cell.target_id,
  });
}
