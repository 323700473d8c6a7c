import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

export type LastRun = { id: string; status: string; pass_rate: number | null; created_at: string };
export type SuiteRunStats = { lastRun: LastRun | null; trend: number[] };

type StatRow = {
  suite_id: string;
  kind: "last" | "trend";
  id: string;
  status: string;
  created_at: string;
  passed_count: number;
  total_runs: number;
  cancelled_count: number;
};

const TREND_LENGTH = 10;

/** The gate's pass rate: passed / (total − cancelled); null when nothing was judged. */
export function passRate(r: {
  passed_count: number;
  total_runs: number;
  cancelled_count: number;
}): number | null {
  const judged = r.total_runs - r.cancelled_count;
  return judged > 0 ? r.passed_count / judged : null;
}

/**
 * The latest suite run and the pass rates of the last 10 terminal ones, for a page of suites in
 * one statement: two LATERAL index scans per suite, each stopping after its LIMIT.
 */
export async function suiteRunStats(
  db: Tx,
  { projectId, suiteIds }: { projectId: string; suiteIds: string[] },
): Promise<Map<string, SuiteRunStats>> {
  const out = new Map<string, SuiteRunStats>(
    suiteIds.map((id) => [id, { lastRun: null, trend: [] }]),
  );
  if (suiteIds.length === 0) return out;
  const ids = sql.join(
    suiteIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const picked = sql`r.id, r.status, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
    r.passed_count, r.total_runs, r.cancelled_count`;
  const rows = (await db.execute(sql`
    select * from (
    select s.suite_id, 'last' as kind, l.* from unnest(array[${ids}]::text[]) as s(suite_id)
    cross join lateral (
      select ${picked} from suite_runs r
      where r.suite_id = s.suite_id and r.project_id = ${projectId}
      order by r.id desc limit 1
    ) l
    union all
    select s.suite_id, 'trend' as kind, t.* from unnest(array[${ids}]::text[]) as s(suite_id)
    cross join lateral (
      select ${picked} from suite_runs r
      where r.suite_id = s.suite_id and r.project_id = ${projectId}
        and r.status in ('passed', 'failed', 'error', 'cancelled')
        and r.total_runs > r.cancelled_count
      order by r.id desc limit ${TREND_LENGTH}
    ) t
    ) x order by x.suite_id, x.id
  `)) as unknown as StatRow[];
  for (const row of rows) {
    const stats = out.get(row.suite_id);
    if (!stats) continue;
    const rate = passRate(row);
    if (row.kind === "last") {
      stats.lastRun = {
        id: row.id,
        status: row.status,
        pass_rate: rate,
        created_at: row.created_at,
      };
    } else if (rate !== null) {
      stats.trend.push(rate); // ordered by id: oldest first
    }
  }
  return out;
}
