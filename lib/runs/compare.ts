import { getSql } from "@/db/client";
import { AppError, notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { Ctx } from "@/lib/auth/types";
import { findSuiteRunRow } from "./repo";
import { requireSuiteRun } from "./read";
import { suiteRunJson } from "./json";

type Pair = {
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  current_run_id: string | null;
  current_status: string | null;
  baseline_run_id: string | null;
  baseline_status: string | null;
};

const LIST_CAP = 2000;

// GET /api/v1/suite-runs/{id}/compare?baseline= — keyed by scenario × target × repeat
export async function compareSuiteRuns({
  ctx,
  id,
  baselineId,
}: {
  ctx: Ctx;
  id: string;
  baselineId?: string;
}) {
  const sql = getSql();
  const current = await requireSuiteRun(ctx, id);
  let baseline;
  if (baselineId) {
    baseline = isId("suiteRun", baselineId)
      ? await findSuiteRunRow(sql, ctx.projectId, baselineId)
      : null;
    if (!baseline) throw notFound("Baseline suite run");
  } else {
    const [prev] = await sql<{ id: string }[]>`
      select id from suite_runs where project_id = ${ctx.projectId} and suite_id = ${current.suite_id} and id < ${current.id}
        and status in ('passed', 'failed', 'error') order by id desc limit 1`;
    if (!prev)
      throw new AppError(
        "bad_request",
        "There is no earlier finished run of this suite to compare with; pass ?baseline=",
      );
    baseline = (await findSuiteRunRow(sql, ctx.projectId, prev.id))!;
  }
  const pairs = await sql<Pair[]>`
    select coalesce(c.scenario_id, b.scenario_id) as scenario_id, sc.name as scenario_name,
      coalesce(c.target_id, b.target_id) as target_id, t.name as target_name,
      coalesce(c.repeat_index, b.repeat_index) as repeat_index,
      c.id as current_run_id, c.status as current_status, b.id as baseline_run_id, b.status as baseline_status
    from (select id, scenario_id, target_id, repeat_index, status from runs where suite_run_id = ${current.id}) c
    full outer join (select id, scenario_id, target_id, repeat_index, status from runs where suite_run_id = ${baseline.id}) b
      using (scenario_id, target_id, repeat_index)
    left join scenarios sc on sc.id = coalesce(c.scenario_id, b.scenario_id)
    left join targets t on t.id = coalesce(c.target_id, b.target_id)
    order by coalesce(c.id, b.id)`;

  const regressions: ReturnType<typeof pairJson>[] = [];
  const fixes: ReturnType<typeof pairJson>[] = [];
  const added: ReturnType<typeof pairJson>[] = [];
  const removed: ReturnType<typeof pairJson>[] = [];
  let unchanged = 0;
  for (const p of pairs) {
    const item = pairJson(p);
    if (!p.baseline_run_id) push(added, item);
    else if (!p.current_run_id) push(removed, item);
    else if (
      p.baseline_status === "passed" &&
      p.current_status !== "passed" &&
      p.current_status !== "cancelled"
    )
      push(regressions, item);
    else if (p.baseline_status !== "passed" && p.current_status === "passed") push(fixes, item);
    else unchanged++;
  }
  const cur = suiteRunJson(current);
  const base = suiteRunJson(baseline);
  return {
    baseline_id: baseline.id,
    current: cur,
    baseline: base,
    pass_rate_delta: Math.round((cur.pass_rate - base.pass_rate) * 10000) / 10000,
    regressions,
    fixes,
    unchanged_count: unchanged,
    new: added,
    removed,
  };
}

function push<T>(list: T[], item: T) {
  if (list.length < LIST_CAP) list.push(item);
}

function pairJson(p: Pair) {
  return {
    scenario_id: p.scenario_id,
    scenario_name: p.scenario_name,
    target_id: p.target_id,
    target_name: p.target_name,
    repeat_index: p.repeat_index,
    baseline: p.baseline_run_id ? { run_id: p.baseline_run_id, status: p.baseline_status } : null,
    current: p.current_run_id ? { run_id: p.current_run_id, status: p.current_status } : null,
  };
}
