import { z } from "zod";
import { getSql } from "@/db/client";
import { randomToken, sha256 } from "@/lib/crypto";
import { newId, isId } from "@/lib/ids";
import { notFound } from "@/lib/errors";
import { publicUrl } from "@/lib/env";
import type { Ctx } from "@/lib/auth/types";
import { audit } from "@/lib/audit";
import { requireSuiteRun } from "@/lib/runs/read";
import { suiteRunJson, type SuiteRunRow, SUITE_RUN_COLUMNS } from "@/lib/runs/json";

export const createShareInput = z
  .object({ expires_in_days: z.number().int().min(1).max(365).optional() })
  .strict();

type ShareRow = {
  id: string;
  suite_run_id: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
};
const shareJson = (s: ShareRow) => ({
  id: s.id,
  suite_run_id: s.suite_run_id,
  expires_at: s.expires_at?.toISOString() ?? null,
  revoked: s.revoked_at !== null,
  created_at: s.created_at.toISOString(),
});

// POST /api/v1/suite-runs/{id}/share — the token is in this response only; we keep its SHA-256
export async function createShareLink({
  ctx,
  suiteRunId,
  input,
}: {
  ctx: Ctx;
  suiteRunId: string;
  input: z.infer<typeof createShareInput>;
}) {
  const run = await requireSuiteRun(ctx, suiteRunId);
  const token = randomToken(24); // 192 bits
  const id = newId("shareLink");
  const sql = getSql();
  const [row] = await sql<ShareRow[]>`
    insert into share_links (id, project_id, suite_run_id, token_hash, expires_at, created_by)
    values (${id}, ${ctx.projectId}, ${run.id}, ${sha256(token)},
      ${input.expires_in_days ? sql`now() + make_interval(days => ${input.expires_in_days})` : null}, ${ctx.actor.id})
    returning id, suite_run_id, expires_at, revoked_at, created_at`;
  await audit(ctx, "share_link.created", "share_link", id, { suite_run_id: run.id });
  return { ...shareJson(row), url: `${publicUrl()}/share/${token}` };
}

// GET /api/v1/suite-runs/{id}/share — or every link of the project when suiteRunId is omitted
export async function listShareLinks({ ctx, suiteRunId }: { ctx: Ctx; suiteRunId?: string }) {
  const sql = getSql();
  if (suiteRunId) await requireSuiteRun(ctx, suiteRunId);
  const rows = await sql<ShareRow[]>`
    select id, suite_run_id, expires_at, revoked_at, created_at from share_links
    where project_id = ${ctx.projectId} ${suiteRunId ? sql`and suite_run_id = ${suiteRunId}` : sql``}
    order by id desc limit 500`;
  return { data: rows.map(shareJson), next_cursor: null, has_more: false };
}

// DELETE /api/v1/share-links/{id}
export async function revokeShareLink({ ctx, id }: { ctx: Ctx; id: string }) {
  const rows = isId("shareLink", id)
    ? await getSql()`update share_links set revoked_at = coalesce(revoked_at, now()) where id = ${id} and project_id = ${ctx.projectId} returning id`
    : [];
  if (rows.length === 0) throw notFound("Share link");
  await audit(ctx, "share_link.revoked", "share_link", id);
  return { id, revoked: true };
}

/**
 * The stakeholder report behind a share token: one suite run, read-only, with nothing secret
 * (no config, no triggered_by, no inputs beyond the case names). Unknown, expired or revoked → null.
 */
export async function getSharedReport(token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const sql = getSql();
  const [link] = await sql<{ suite_run_id: string; project_id: string }[]>`
    select suite_run_id, project_id from share_links
    where token_hash = ${sha256(token)} and revoked_at is null and (expires_at is null or expires_at > now())`;
  if (!link) return null;
  const [row] = await sql<SuiteRunRow[]>`
    select ${sql.unsafe(SUITE_RUN_COLUMNS)} from suite_runs sr join projects p on p.id = sr.project_id where sr.id = ${link.suite_run_id}`;
  if (!row) return null;
  const [targets, scorers, failures] = await Promise.all([
    sql<{ name: string; passed: number; failed: number; errored: number; total: number }[]>`
      select coalesce(t.name, r.target_id) as name, count(*) filter (where r.status = 'passed')::int as passed,
        count(*) filter (where r.status = 'failed')::int as failed, count(*) filter (where r.status = 'error')::int as errored, count(*)::int as total
      from runs r left join targets t on t.id = r.target_id where r.suite_run_id = ${row.id} group by 1 order by 1`,
    sql<{ name: string; scorer: string; passed: number; total: number; avg_score: number }[]>`
      select name, scorer, count(*) filter (where passed)::int as passed, count(*)::int as total, avg(score)::float8 as avg_score
      from results where suite_run_id = ${row.id} group by name, scorer order by name`,
    sql<
      {
        run_id: string;
        scenario_name: string | null;
        target_name: string | null;
        status: string;
        error_code: string | null;
        reasons: string[] | null;
        output: unknown;
        transcript:
          { role: string; content: string; speaker?: string; latency_ms?: number }[] | null;
        end_reason: string | null;
      }[]
    >`
      select r.id as run_id, sc.name as scenario_name, t.name as target_name, r.status, r.error_code,
        (select array_agg(x.name || ': ' || x.reason order by x.scorer_index) from results x where x.run_id = r.id and not x.passed) as reasons,
        r.output, r.transcript, r.meta->>'end_reason' as end_reason
      from runs r left join scenarios sc on sc.id = r.scenario_id left join targets t on t.id = r.target_id
      where r.suite_run_id = ${row.id} and r.status in ('failed', 'error') order by r.id limit 200`,
  ]);
  const full = suiteRunJson(row);
  const { config_override: _c, triggered_by: _t, url: _u, ...suiteRun } = full;
  return {
    suite_run: suiteRun,
    targets: targets.map((t) => ({ ...t, pass_rate: t.total ? t.passed / t.total : 0 })),
    scorers: scorers.map((s) => ({ ...s, pass_rate: s.total ? s.passed / s.total : 0 })),
    failures: failures.map((f) => ({
      run_id: f.run_id,
      scenario_name: f.scenario_name,
      target_name: f.target_name,
      status: f.status,
      reasons: f.reasons ?? (f.error_code ? [`error: ${f.error_code}`] : []),
      output_excerpt: excerpt(f.output),
      // The conversation of a multi-turn or simulated case, read-only (secrets were scrubbed before storage).
      transcript: f.transcript
        ? f.transcript.slice(0, 100).map((t) => ({
            role: t.role,
            speaker: t.speaker ?? null,
            content: excerpt(t.content),
            latency_ms: t.latency_ms ?? null,
          }))
        : null,
      end_reason: f.end_reason,
    })),
  };
}

function excerpt(output: unknown): string {
  const text =
    typeof output === "string"
      ? output
      : output === null || output === undefined
        ? ""
        : JSON.stringify(output);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
