import { z } from "zod";
import type { Sql } from "@/db/client";
import { log } from "@/lib/log";
import { newId, newIds } from "@/lib/ids";
import { enqueueChunks } from "@/lib/engine/sql";
import { insertSuiteRunWithRuns, loadSuiteForRun } from "@/lib/runs/repo";
import { cronMatches } from "./cron";

/** graphile-worker's crontab line: one `schedule_tick` job per minute across every worker process. */
export const SCHEDULE_CRONTAB = "* * * * * schedule_tick ?fill=1m";

export const tickPayload = z.object({
  _cron: z.object({ ts: z.string(), backfilled: z.boolean().optional() }),
});

type ScheduledSuite = {
  id: string;
  project_id: string;
  schedule: { cron: string; timezone: string };
};

/**
 * The schedule_tick job: trigger every suite whose cron (in its time zone) matches the tick's minute.
 * graphile-worker's known_crontabs already creates one job per tick across processes; each suite is
 * also claimed through `last_scheduled_at` in the transaction that creates its run, so a tick handled
 * twice (a retried job, a backfill racing the live tick) still triggers each suite once.
 */
export async function runScheduleTick(sql: Sql, tickAt: Date): Promise<string[]> {
  const tick = new Date(Math.floor(tickAt.getTime() / 60_000) * 60_000);
  const candidates = await sql<ScheduledSuite[]>`
    select id, project_id, schedule from suites
    where schedule is not null and not archived and (last_scheduled_at is null or last_scheduled_at < ${tick})`;
  const triggered: string[] = [];
  let failures = 0;
  for (const suite of candidates) {
    if (!matches(suite, tick)) continue;
    try {
      const id = await triggerScheduledRun(sql, suite, tick);
      if (id) triggered.push(id);
    } catch (error) {
      failures++;
      log.error("scheduled run failed to start", { suiteId: suite.id, error: String(error) });
    }
  }
  if (triggered.length) log.info("scheduled runs started", { tick, suiteRuns: triggered });
  // Throwing makes graphile-worker retry the tick; suites already claimed are skipped then.
  if (failures)
    throw new Error(`${failures} scheduled suite(s) failed to start at ${tick.toISOString()}`);
  return triggered;
}

function matches(suite: ScheduledSuite, tick: Date): boolean {
  try {
    return cronMatches(suite.schedule.cron, tick, suite.schedule.timezone);
  } catch (error) {
    log.warn("suite schedule ignored", { suiteId: suite.id, error: String(error) });
    return false;
  }
}

/**
 * Claim the tick for the suite and write its run in one transaction (the same writes as
 * lib/runs/trigger.ts createSuiteRun, which opens a transaction of its own): either both happen or
 * neither, so a crash in between cannot lose the tick. Null when another worker claimed it first
 * or nothing in the suite can run.
 */
async function triggerScheduledRun(
  sql: Sql,
  suite: ScheduledSuite,
  tick: Date,
): Promise<string | null> {
  return sql.begin(async (transaction) => {
    const tx = transaction as unknown as Sql;
    const claimed = await tx`
      update suites set last_scheduled_at = ${tick}
      where id = ${suite.id} and (last_scheduled_at is null or last_scheduled_at < ${tick}) returning id`;
    if (claimed.length === 0) return null;
    const loaded = await loadSuiteForRun(tx, suite.project_id, suite.id);
    if (!loaded || loaded.archived) return null;
    const scenarios = loaded.scenarios.filter((s) => !s.archived);
    const targets = loaded.targets.filter((t) => !t.archived);
    if (scenarios.length === 0 || targets.length === 0) {
      log.warn("scheduled suite has nothing to run", { suiteId: suite.id });
      return null;
    }
    const cells = scenarios.flatMap((s) =>
      targets.flatMap((t) =>
        Array.from({ length: loaded.repeat_count }, (_, r) => ({ s: s.id, t: t.id, r })),
      ),
    );
    const id = newId("suiteRun");
    const chunks = await insertSuiteRunWithRuns(
      tx,
      {
        id,
        projectId: suite.project_id,
        suiteId: loaded.id,
        suiteName: loaded.name,
        trigger: "schedule",
        triggerMeta: {
          scheduled_at: tick.toISOString(),
          cron: suite.schedule.cron,
          timezone: suite.schedule.timezone,
        },
        configOverride: {},
        triggeredBy: { type: "schedule", id: null, name: "cron" },
        parentSuiteRunId: null,
        passThreshold: loaded.pass_threshold,
        maxConcurrency: loaded.max_concurrency,
      },
      {
        ids: newIds("run", cells.length),
        scenarioIds: cells.map((c) => c.s),
        targetIds: cells.map((c) => c.t),
        repeatIndexes: cells.map((c) => c.r),
      },
    );
    await enqueueChunks(tx, id, chunks);
    return id;
  });
}
