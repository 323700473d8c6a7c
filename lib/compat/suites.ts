import { getSql } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { triggerSuiteRun } from "@/lib/runs/trigger";
import { createdItems } from "@/lib/runs/created";
import type { LangwatchSuiteRunResponse } from "./schemas";

type TargetType = LangwatchSuiteRunResponse["items"][number]["target"]["type"];

// POST /api/suites/{id}/run — LangWatch's "run a suite": the same trigger as /api/v1, reshaped
export async function runSuiteLangwatch({
  ctx,
  suiteIdOrSlug,
}: {
  ctx: Ctx;
  suiteIdOrSlug: string;
}): Promise<LangwatchSuiteRunResponse> {
  const created = await triggerSuiteRun({ ctx, suiteIdOrSlug, input: {} });
  const items = createdItems(created);
  const sql = getSql();
  const scenarioIds = [...new Set(items.map((i) => i.scenario_id))];
  const targetIds = [...new Set(items.map((i) => i.target.id))];
  const [scenarios, targets] = await Promise.all([
    sql<{ id: string; name: string }[]>`
      select id, name from scenarios where project_id = ${ctx.projectId} and id = any(${scenarioIds}::text[])`,
    sql<{ id: string; type: TargetType }[]>`
      select id, type from targets where project_id = ${ctx.projectId} and id = any(${targetIds}::text[])`,
  ]);
  const scenarioName = new Map(scenarios.map((s) => [s.id, s.name]));
  const targetType = new Map(targets.map((t) => [t.id, t.type]));
  return {
    scheduled: true,
    batchRunId: created.suiteRun.id,
    setId: created.suiteRun.suite_id ?? suiteIdOrSlug,
    jobCount: created.suiteRun.total_runs,
    skippedArchived: created.skippedArchived,
    items: items.map((item) => ({
      scenarioRunId: item.run_id,
      scenarioId: item.scenario_id,
      target: { type: targetType.get(item.target.id) ?? "http", referenceId: item.target.id },
      name: scenarioName.get(item.scenario_id) ?? item.scenario_id,
    })),
  };
}
