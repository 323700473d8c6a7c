import { getSql } from "@/db/client";
import { notFound } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, encodeCursor } from "@/lib/http/pagination";
import {
  isTerminal,
  RUN_SUMMARY_COLUMNS,
  RUN_SUMMARY_JOINS,
  SUITE_RUN_COLUMNS,
  resultJson,
  runSummaryJson,
  suiteRunJson,
  type ResultRowDb,
  type RunSummaryRow,
  type SuiteRunRow,
} from "./json";
import { findSuiteRunRow } from "./repo";
import { finishedSuiteRun, rememberFinishedSuiteRun } from "./finished-cache";
import { JSON_CONTENT_TYPE } from "@/lib/http/json";
import type { z } from "zod";
import type { childRunsQuery, historyQuery, suiteRunListQuery } from "./schemas";

/**
 * `runs` of GET /suite-runs/{id}: every child of a suite run of up to 500 runs; of a bigger one, whose
 * list the client pages with /runs anyway, a preview of the first 50 (`runs_truncated: true`). A CI job
 * polling a 150,000-run suite run then reads 14 KB a poll instead of 133 KB.
 */
const MAX_EMBEDDED_RUNS = 500;
const TRUNCATED_PREVIEW_RUNS = 50;

export async function requireSuiteRun(ctx: Ctx, id: string): Promise<SuiteRunRow> {
  const row = isId("suiteRun", id) ? await findSuiteRunRow(getSql(), ctx.projectId, id) : null;
  if (!row) throw notFound("Suite run");
  return row;
}

// GET /api/v1/suite-runs/{id}
export async function getSuiteRun({ ctx, id }: { ctx: Ctx; id: string }): Promise<Response> {
  const cached = finishedSuiteRun(id);
  if (cached && cached.projectId === ctx.projectId) return jsonBytes(cached.body);
  const row = await requireSuiteRun(ctx, id);
  const runs = await getSql()<RunSummaryRow[]>`
    select ${getSql().unsafe(RUN_SUMMARY_COLUMNS)} from runs r ${getSql().unsafe(RUN_SUMMARY_JOINS)}
    where r.suite_run_id = ${row.id} order by r.id
    limit ${row.total_runs > MAX_EMBEDDED_RUNS ? TRUNCATED_PREVIEW_RUNS : MAX_EMBEDDED_RUNS}`;
  const json = JSON.stringify({
    ...suiteRunJson(row),
    runs: runs.map(runSummaryJson),
    runs_truncated: row.total_runs > MAX_EMBEDDED_RUNS,
  });
  return jsonBytes(
    isTerminal(row.status) ? rememberFinishedSuiteRun(row.id, ctx.projectId, json) : json,
  );
}

const jsonBytes = (body: Buffer | string) =>
  new Response(body as BodyInit, { headers: { "content-type": JSON_CONTENT_TYPE } });

// GET /api/v1/suite-runs
export async function listSuiteRuns({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: z.infer<typeof suiteRunListQuery>;
}) {
  const sql = getSql();
  const before = decodeCursor(query.cursor);
  const suiteFilter = query.suite_id
    ? sql`and (sr.suite_id = ${query.suite_id} or sr.suite_id = (select id from suites where project_id = ${ctx.projectId} and slug = ${query.suite_id}))`
    : sql``;
  const rows = await sql<SuiteRunRow[]>`
    select ${sql.unsafe(SUITE_RUN_COLUMNS)} from suite_runs sr join projects p on p.id = sr.project_id
    where sr.project_id = ${ctx.projectId} ${suiteFilter}
      ${query.status ? sql`and sr.status = ${query.status}` : sql``}
      ${query.trigger ? sql`and sr.trigger = ${query.trigger}` : sql``}
      ${before ? sql`and sr.id < ${before}` : sql``}
    order by sr.id desc limit ${query.limit + 1}`;
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(suiteRunJson),
    next_cursor: hasMore ? encodeCursor(page[page.length - 1].id) : null,
    has_more: hasMore,
  };
}

// GET /api/v1/suites/{id}/runs?page&pageSize
export async function suiteRunHistory({
  ctx,
  suiteIdOrSlug,
  query,
}: {
  ctx: Ctx;
  suiteIdOrSlug: string;
  query: z.infer<typeof historyQuery>;
}) {
  const sql = getSql();
  const [suite] = await sql<
    { id: string }[]
  >`select id from suites where project_id = ${ctx.projectId} and (id = ${suiteIdOrSlug} or slug = ${suiteIdOrSlug})`;
  if (!suite) throw notFound("Suite");
  const [{ total }] = await sql<
    { total: number }[]
  >`select count(*)::int as total from suite_runs where suite_id = ${suite.id}`;
  const rows = await sql<SuiteRunRow[]>`
    select ${sql.unsafe(SUITE_RUN_COLUMNS)} from suite_runs sr join projects p on p.id = sr.project_id
    where sr.suite_id = ${suite.id} order by sr.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`;
  return {
    data: rows.map(suiteRunJson),
    pagination: {
      page: query.page,
      pageSize: query.pageSize,
      total,
      hasMore: query.page * query.pageSize < total,
    },
  };
}

// GET /api/v1/suite-runs/{id}/runs — keyset paging by id; `offset` lets a virtualized table jump.
export async function listChildRuns({
  ctx,
  id,
  query,
}: {
  ctx: Ctx;
  id: string;
  query: z.infer<typeof childRunsQuery>;
}) {
  const sql = getSql();
  const row = await requireSuiteRun(ctx, id);
  const statuses = query.status ? query.status.split(",").filter(Boolean) : null;
  const after = decodeCursor(query.cursor);
  const asc = query.order === "asc";
  const where = sql`r.suite_run_id = ${row.id}
    ${statuses ? sql`and r.status = any(${statuses}::text[])` : sql``}
    ${query.scenario_id ? sql`and r.scenario_id = ${query.scenario_id}` : sql``}
    ${query.target_id ? sql`and r.target_id = ${query.target_id}` : sql``}
    ${query.q ? sql`and sc.name ilike ${"%" + query.q.replace(/[%_\\]/g, "\\$&") + "%"}` : sql``}`;
  const rows = await sql<RunSummaryRow[]>`
    select ${sql.unsafe(RUN_SUMMARY_COLUMNS)} from runs r ${sql.unsafe(RUN_SUMMARY_JOINS)}
    where ${where} ${after ? (asc ? sql`and r.id > ${after}` : sql`and r.id < ${after}`) : sql``}
    order by r.id ${asc ? sql`asc` : sql`desc`} limit ${query.limit + 1} ${query.offset && !after ? sql`offset ${query.offset}` : sql``}`;
  const filtered = statuses || query.scenario_id || query.target_id || query.q;
  const [{ total }] = filtered
    ? await sql<
        { total: number }[]
      >`select count(*)::int as total from runs r ${query.q ? sql.unsafe(RUN_SUMMARY_JOINS) : sql``} where ${where}`
    : [{ total: row.total_runs }];
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(runSummaryJson),
    next_cursor: hasMore ? encodeCursor(page[page.length - 1].id) : null,
    has_more: hasMore,
    total,
  };
}

type RunDetailRow = RunSummaryRow & {
  suite_run_id: string;
  target_type: string | null;
  attempt: number;
  input: unknown;
  output: unknown;
  transcript: unknown;
  error_message: string | null;
  tokens: unknown;
  cost_usd: number | null;
  started_at: Date | null;
  completed_at: Date | null;
  expected_output: unknown;
  simulation: unknown;
  meta: Record<string, unknown> | null;
};

// GET /api/v1/runs/{id}
export async function getRun({ ctx, id }: { ctx: Ctx; id: string }) {
  const sql = getSql();
  const [r] = isId("run", id)
    ? await sql<RunDetailRow[]>`
        select ${sql.unsafe(RUN_SUMMARY_COLUMNS)}, r.suite_run_id, t.type as target_type, r.attempt, sc.input, r.output, r.transcript,
          r.error_message, r.tokens, r.cost_usd, r.started_at, r.completed_at, sc.expected_output, sc.simulation, r.meta
        from runs r ${sql.unsafe(RUN_SUMMARY_JOINS)} where r.id = ${id} and r.project_id = ${ctx.projectId}`
    : [];
  if (!r) throw notFound("Run");
  const results = await sql<ResultRowDb[]>`
    select id, run_id, scorer, name, passed, score, threshold, reason, scorer_output, duration_ms from results where run_id = ${r.id} order by scorer_index`;
  return {
    id: r.id,
    suite_run_id: r.suite_run_id,
    scenario: { id: r.scenario_id, name: r.scenario_name },
    target: { id: r.target_id, type: r.target_type, name: r.target_name },
    repeat_index: r.repeat_index,
    status: r.status,
    attempt: r.attempt,
    input: r.input,
    expected_output: r.expected_output ?? null,
    simulation: r.simulation ?? null,
    output: r.output ?? null,
    transcript: r.transcript ?? [],
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? "" } : null,
    latency_ms: r.latency_ms,
    tokens: r.tokens ?? null,
    cost_usd: r.cost_usd,
    retries: typeof r.meta?.attempts === "number" ? Math.max(0, r.meta.attempts - 1) : 0,
    // Simulated conversations: why the conversation ended, turns taken, tokens and cost per role.
    end_reason: typeof r.meta?.end_reason === "string" ? r.meta.end_reason : null,
    turns: typeof r.meta?.turns === "number" ? r.meta.turns : null,
    usage: r.meta?.usage ?? null,
    started_at: r.started_at?.toISOString() ?? null,
    completed_at: r.completed_at?.toISOString() ?? null,
    results: results.map(resultJson),
  };
}

// GET /api/v1/suite-runs/{id}/results
export async function listResults({ ctx, id }: { ctx: Ctx; id: string }) {
  const sql = getSql();
  const row = await requireSuiteRun(ctx, id);
  const rows = await sql<(ResultRowDb & { case_id: string; case_name: string | null })[]>`
    select res.id, res.run_id, res.scorer, res.name, res.passed, res.score, res.threshold, res.reason, res.scorer_output, res.duration_ms,
      r.scenario_id as case_id, sc.name as case_name
    from results res join runs r on r.id = res.run_id left join scenarios sc on sc.id = r.scenario_id
    where res.suite_run_id = ${row.id} order by res.run_id, res.scorer_index`;
  return {
    data: rows.map((r) => ({
      id: r.id,
      run_id: r.run_id,
      case_id: r.case_id,
      case_name: r.case_name,
      scorer: r.scorer,
      name: r.name,
      passed: r.passed,
      score: r.score,
      threshold: r.threshold,
      reason: r.reason,
      scorer_output: r.scorer_output,
      duration_ms: r.duration_ms,
    })),
  };
}
