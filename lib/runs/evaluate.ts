import type { z } from "zod";
import { getSql } from "@/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { SUPPLIED_OUTPUT_TARGET } from "@/lib/engine/sql";
import { subscribe } from "@/lib/events/bus";
import { isTerminal, type SuiteRunRow } from "./json";
import { findSuiteRunRow, loadSuiteForRun } from "./repo";
import { createSuiteRun, defaultTrigger, triggeredBy } from "./trigger";
import type { evalInput } from "./schemas";

const SYNC_WAIT_MS = 120_000;

// POST /api/v1/run — score a supplied output against every active scenario of a suite (no target call)
export async function evaluateOutput({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof evalInput>;
}) {
  const sql = getSql();
  const suite = await loadSuiteForRun(sql, ctx.projectId, input.suite);
  if (!suite) throw notFound("Suite");
  const scenarios = suite.scenarios.filter((s) => !s.archived);
  if (suite.archived || scenarios.length === 0)
    throw new AppError("bad_request", "This suite has no active scenarios to score against", {
      field: "suite",
    });
  const { id } = await createSuiteRun(
    sql,
    {
      projectId: ctx.projectId,
      suiteId: suite.id,
      suiteName: suite.name,
      trigger: input.trigger ?? defaultTrigger(ctx),
      triggerMeta: input.trigger_meta ?? {},
      configOverride: {},
      triggeredBy: triggeredBy(ctx),
      parentSuiteRunId: null,
      passThreshold: suite.pass_threshold,
      maxConcurrency: null,
    },
    scenarios.map((s) => ({ scenarioId: s.id, targetId: SUPPLIED_OUTPUT_TARGET, repeatIndex: 0 })),
    input.output,
  );
  if (input.async)
    return {
      status: 202,
      body: {
        id,
        status: "pending",
        message: `Scoring ${scenarios.length} cases; poll GET /api/v1/suite-runs/${id}`,
      },
    };
  const row = await waitForTerminal(ctx, id, SYNC_WAIT_MS);
  if (!row)
    return {
      status: 202,
      body: {
        id,
        status: "pending",
        message: `Still scoring after ${SYNC_WAIT_MS / 1000} s; poll GET /api/v1/suite-runs/${id}`,
      },
    };
  return { status: 200, body: await evalSummary(row) };
}

async function waitForTerminal(
  ctx: Ctx,
  id: string,
  timeoutMs: number,
): Promise<SuiteRunRow | null> {
  const sql = getSql();
  let wake: () => void = () => {};
  const unsubscribe = await subscribe(id, () => wake());
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await findSuiteRunRow(sql, ctx.projectId, id);
      if (row && isTerminal(row.status)) return row;
      if (Date.now() > deadline) return null;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 500);
      });
    }
  } finally {
    unsubscribe();
  }
}

async function evalSummary(row: SuiteRunRow) {
  const sql = getSql();
  const cases = await sql<
    {
      name: string;
      status: string;
      score: number | null;
      threshold: number | null;
      reasons: string[] | null;
      error_message: string | null;
    }[]
  >`
    select sc.name, r.status, r.error_message,
      (select avg(x.score)::float8 from results x where x.run_id = r.id) as score,
      (select max(x.threshold)::float8 from results x where x.run_id = r.id) as threshold,
      (select array_agg(x.name || ': ' || x.reason order by x.scorer_index) from results x where x.run_id = r.id and not x.passed) as reasons
    from runs r join scenarios sc on sc.id = r.scenario_id where r.suite_run_id = ${row.id} order by r.id`;
  const scores = cases.map((c) => ({
    case: c.name,
    passed: c.status === "passed",
    score: c.score ?? 0,
    threshold: c.threshold ?? 1,
    reason:
      c.status === "passed"
        ? "every scorer passed"
        : c.status === "error"
          ? `error: ${c.error_message ?? "could not judge"}`
          : (c.reasons ?? []).join("; "),
  }));
  const denominator = row.total_runs - row.cancelled_count;
  return {
    id: row.id,
    status: row.status === "passed" ? "cleared" : row.status === "failed" ? "blocked" : "error",
    passed: row.status === "passed",
    total_cases: row.total_runs,
    passed_cases: row.passed_count,
    failed_cases: row.failed_count,
    errored_cases: row.errored_count,
    pass_rate: denominator > 0 ? Math.round((row.passed_count / denominator) * 10000) / 10000 : 0,
    duration_ms: row.completed_at ? row.completed_at.getTime() - row.created_at.getTime() : null,
    scores,
    failures: scores.filter((s) => !s.passed),
  };
}
