import { getSql, type Sql } from "@/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { EVENTS_CHANNEL } from "@/lib/engine/sql";
import { publicUrl } from "@/lib/env";
import {
  ENVELOPE_SQL,
  NEW_ID_BITS_SQL,
  SUITE_RUN_PAYLOAD_COLUMNS,
  SUITE_RUN_PAYLOAD_SQL,
  enqueueDeliveriesSql,
  typeIdSql,
} from "@/lib/webhooks/sql";
import { isTerminal, suiteRunJson } from "./json";
import { findSuiteRunRow } from "./repo";
import { requireSuiteRun } from "./read";
import { createSuiteRun, triggeredBy, type Cell } from "./trigger";
import type { z } from "zod";
import type { batchInput } from "./schemas";

// POST /api/v1/suite-runs/{id}/cancel — idempotent
export async function cancelSuiteRun({ ctx, id }: { ctx: Ctx; id: string }) {
  const sql = getSql();
  const row = await requireSuiteRun(ctx, id);
  if (!isTerminal(row.status)) {
    await sql.begin(async (tx) => {
      const t = tx as unknown as Sql;
      // Queued children end at once; running ones are aborted by their workers (NOTIFY below) and land as cancelled.
      // When that ends the suite run, its suite_run.completed deliveries are written in the same statement.
      await t`
        with c as (
          update runs set status = 'cancelled', completed_at = now(), completed_seq = nextval('run_completion_seq')
          where suite_run_id = ${row.id} and status = 'queued' returning completed_seq
        ), k as (select count(*)::int as n, max(completed_seq) as seq from c
        ), sr as (
          update suite_runs s set cancelled_count = s.cancelled_count + k.n, cancel_requested_at = coalesce(s.cancel_requested_at, now()),
            status = case when s.passed_count + s.failed_count + s.errored_count + s.cancelled_count + k.n >= s.total_runs then 'cancelled' else s.status end,
            completed_at = case when s.passed_count + s.failed_count + s.errored_count + s.cancelled_count + k.n >= s.total_runs then now() else s.completed_at end
          from k where s.id = ${row.id} and s.completed_at is null
          returning s.id, s.status, ${t.unsafe(SUITE_RUN_PAYLOAD_COLUMNS)}
        ), deliveries as (
          insert into webhook_deliveries (id, project_id, webhook_id, event, payload)
          select x.id, x.project_id, x.webhook_id, x.event, ${t.unsafe(ENVELOPE_SQL)}
          from (select ${t.unsafe(typeIdSql("dlv", "y.bits"))} as id, y.* from (
            select ${t.unsafe(NEW_ID_BITS_SQL)} as bits, w.project_id, w.id as webhook_id, 'suite_run.completed' as event,
              ${t.unsafe(SUITE_RUN_PAYLOAD_SQL)} as data
            from sr s join webhooks w on w.project_id = s.project_id and w.deleted_at is null and 'suite_run.completed' = any(w.events)
            join projects p on p.id = s.project_id cross join (select ${publicUrl()}::text as base_url) u
            where s.completed_at is not null offset 0) y) x
          returning id
        )
        select ${t.unsafe(enqueueDeliveriesSql("deliveries"))} where exists (select 1 from deliveries)`;
      await t`select pg_notify(${EVENTS_CHANNEL}, json_build_object('s', ${row.id}::text, 'cancel', true, 'q', (select max(completed_seq) from runs where suite_run_id = ${row.id}),
                'f', (select completed_at is not null from suite_runs where id = ${row.id}))::text)`;
    });
  }
  return suiteRunJson((await findSuiteRunRow(sql, ctx.projectId, row.id))!);
}

// POST /api/v1/suite-runs/{id}/resubmit — re-run failed and errored children with the same identities
export async function resubmitSuiteRun({ ctx, id }: { ctx: Ctx; id: string }) {
  const sql = getSql();
  const parent = await requireSuiteRun(ctx, id);
  if (!isTerminal(parent.status))
    throw new AppError(
      "conflict",
      "This suite run is still running; resubmit it once it has finished",
    );
  const cells = await sql<{ scenario_id: string; target_id: string; repeat_index: number }[]>`
    select scenario_id, target_id, repeat_index from runs where suite_run_id = ${parent.id} and status in ('failed', 'error') order by id`;
  if (cells.length === 0)
    throw new AppError("nothing_to_resubmit", "This suite run has no failed or errored runs");
  const children: Cell[] = cells.map((c) => ({
    scenarioId: c.scenario_id,
    targetId: c.target_id,
    repeatIndex: c.repeat_index,
  }));
  const { id: newRunId, runIds } = await createSuiteRun(
    sql,
    {
      projectId: ctx.projectId,
      suiteId: parent.suite_id,
      suiteName: parent.suite_name,
      trigger: "resubmit",
      triggerMeta: parent.trigger_meta,
      configOverride: parent.config_override,
      triggeredBy: triggeredBy(ctx),
      parentSuiteRunId: parent.id,
      passThreshold: parent.pass_threshold,
      maxConcurrency: parent.max_concurrency,
    },
    children,
  );
  const row = await findSuiteRunRow(sql, ctx.projectId, newRunId);
  return { suiteRun: suiteRunJson(row!), runIds, cells: children };
}

// POST /api/v1/suite-runs/batch — ad-hoc runs of chosen scenarios
export async function triggerBatch({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof batchInput>;
}) {
  const sql = getSql();
  const scenarioIds = [...new Set(input.entries.map((e) => e.scenario_id))];
  const known = await sql<{ id: string; archived: boolean; target_ids: string[] }[]>`
    select s.id, s.archived, coalesce(array_agg(distinct l.target_id) filter (where t.id is not null and not t.archived), '{}') as target_ids
    from scenarios s
    left join suite_scenarios ss on ss.scenario_id = s.id
    left join suite_targets l on l.suite_id = ss.suite_id
    left join targets t on t.id = l.target_id
    where s.project_id = ${ctx.projectId} and s.id = any(${scenarioIds}::text[]) group by s.id`;
  const byId = new Map(known.map((k) => [k.id, k]));
  const explicitTargets = [
    ...new Set(input.entries.flatMap((e) => (e.target_id ? [e.target_id] : []))),
  ];
  const targets = new Set(
    (
      await sql<
        { id: string }[]
      >`select id from targets where project_id = ${ctx.projectId} and not archived and id = any(${explicitTargets}::text[])`
    ).map((t) => t.id),
  );
  const repeat = input.repeat_count ?? 1;
  const cells: Cell[] = [];
  for (const [i, e] of input.entries.entries()) {
    const scenario = byId.get(e.scenario_id);
    if (!scenario || scenario.archived)
      throw new AppError(
        "bad_request",
        `entries.${i}.scenario_id does not name an active scenario`,
        { field: `entries.${i}.scenario_id` },
      );
    if (e.target_id && !targets.has(e.target_id))
      throw new AppError("bad_request", `entries.${i}.target_id does not name an active target`, {
        field: `entries.${i}.target_id`,
      });
    const targetIds = e.target_id ? [e.target_id] : scenario.target_ids;
    if (targetIds.length === 0)
      throw new AppError(
        "bad_request",
        `entries.${i} has no target: name one, or add the scenario to a suite with targets`,
        { field: `entries.${i}.target_id` },
      );
    for (const t of targetIds)
      for (let r = 0; r < repeat; r++)
        cells.push({ scenarioId: e.scenario_id, targetId: t, repeatIndex: r });
  }
  const { id, runIds } = await createSuiteRun(
    sql,
    {
      projectId: ctx.projectId,
      suiteId: null,
      suiteName: null,
      trigger: "batch",
      triggerMeta: input.trigger_meta ?? {},
      configOverride: input.config_override ?? {},
      triggeredBy: triggeredBy(ctx),
      parentSuiteRunId: null,
      passThreshold: 1,
      maxConcurrency: null,
    },
    cells,
  );
  const row = await findSuiteRunRow(sql, ctx.projectId, id);
  if (!row) throw notFound("Suite run");
  return { suiteRun: suiteRunJson(row), runIds, cells };
}
