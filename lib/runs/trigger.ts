import { getSql, type Sql } from "@/db/client";
import { AppError, notFound } from "@/lib/errors";
import { newId, newIds } from "@/lib/ids";
import type { Ctx } from "@/lib/auth/types";
import { enqueueChunks } from "@/lib/engine/sql";
import { suiteRunJson } from "./json";
import { findSuiteRunRow, insertSuiteRunWithRuns, loadSuiteForRun, type NewSuiteRun } from "./repo";
import type { TriggerSuiteRunInput } from "./schemas";
import type { Cell, CreatedSuiteRun } from "./created";

export type { Cell } from "./created";

export function triggeredBy(ctx: Ctx) {
  return { type: ctx.actor.type, id: ctx.actor.id, name: ctx.actor.name };
}

/** Default trigger: `ui` from a browser session, `api` for keys. */
export function defaultTrigger(ctx: Ctx): NewSuiteRun["trigger"] {
  return ctx.actor.type === "user" ? "ui" : "api";
}

/**
 * Write a suite run, its children and their jobs in one transaction: a crash leaves either nothing
 * or a complete, runnable suite run.
 */
export async function createSuiteRun(
  sql: Sql,
  run: Omit<NewSuiteRun, "id">,
  cells: Cell[],
  suppliedOutput?: unknown,
) {
  const id = newId("suiteRun");
  const ids = newIds("run", cells.length);
  await sql.begin(async (tx) => {
    const t = tx as unknown as Sql;
    const chunks = await insertSuiteRunWithRuns(
      t,
      { ...run, id },
      {
        ids,
        scenarioIds: cells.map((c) => c.scenarioId),
        targetIds: cells.map((c) => c.targetId),
        repeatIndexes: cells.map((c) => c.repeatIndex),
        suppliedOutput,
      },
    );
    await enqueueChunks(t, id, chunks);
  });
  return { id, runIds: ids };
}

// POST /api/v1/suites/{id}/runs
export async function triggerSuiteRun({
  ctx,
  suiteIdOrSlug,
  input,
}: {
  ctx: Ctx;
  suiteIdOrSlug: string;
  input: TriggerSuiteRunInput;
}): Promise<CreatedSuiteRun & { skippedArchived: { scenarios: string[]; targets: string[] } }> {
  const sql = getSql();
  const suite = await loadSuiteForRun(sql, ctx.projectId, suiteIdOrSlug);
  if (!suite) throw notFound("Suite");
  if (suite.archived)
    throw new AppError("bad_request", "This suite is archived; restore it to run it");

  const pick = <T extends { id: string }>(
    all: T[],
    wanted: string[] | undefined,
    field: string,
  ) => {
    if (!wanted) return all;
    const byId = new Map(all.map((x) => [x.id, x]));
    const missing = wanted.findIndex((id) => !byId.has(id));
    if (missing >= 0)
      throw new AppError("bad_request", `${field}.${missing} is not part of this suite`, {
        field: `${field}.${missing}`,
      });
    return [...new Set(wanted)].map((id) => byId.get(id)!);
  };
  const scenarios = pick(suite.scenarios, input.scenario_ids, "scenario_ids");
  const targets = pick(suite.targets, input.target_ids, "target_ids");
  const activeScenarios = scenarios.filter((s) => !s.archived);
  const activeTargets = targets.filter((t) => !t.archived);
  if (activeScenarios.length === 0)
    throw new AppError("bad_request", "Every scenario of this run is archived", {
      field: "scenario_ids",
    });
  if (activeTargets.length === 0)
    throw new AppError("bad_request", "Every target of this run is archived", {
      field: "target_ids",
    });

  const repeatCount = input.repeat_count ?? suite.repeat_count;
  const cells: Cell[] = [];
  for (const s of activeScenarios)
    for (const t of activeTargets)
      for (let r = 0; r < repeatCount; r++)
        cells.push({ scenarioId: s.id, targetId: t.id, repeatIndex: r });

  const { id, runIds } = await createSuiteRun(
    sql,
    {
      projectId: ctx.projectId,
      suiteId: suite.id,
      suiteName: suite.name,
      trigger: input.trigger ?? defaultTrigger(ctx),
      triggerMeta: input.trigger_meta ?? {},
      configOverride: input.config_override ?? {},
      triggeredBy: triggeredBy(ctx),
      parentSuiteRunId: null,
      passThreshold: suite.pass_threshold,
      maxConcurrency: suite.max_concurrency,
    },
    cells,
  );
  const row = await findSuiteRunRow(sql, ctx.projectId, id);
  return {
    suiteRun: suiteRunJson(row!),
    runIds,
    cells,
    skippedArchived: {
      scenarios: scenarios.filter((s) => s.archived).map((s) => s.id),
      targets: targets.filter((t) => t.archived).map((t) => t.id),
    },
  };
}
