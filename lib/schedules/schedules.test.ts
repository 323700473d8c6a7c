import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { databaseUrl, getSql } from "@/db/client";
import { createTestProject, type TestProject } from "@/lib/test/fixtures";
import { startAgent, type TestAgent } from "@/lib/test/agent";
import { seedSuite } from "@/lib/test/seed";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { wallClock } from "./cron";
import { runScheduleTick } from "./tick";

let project: TestProject;
let agent: TestAgent;
const workers: WorkerHandle[] = [];
const contains = (value: string) => ({ type: "contains", config: { values: [value] } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  project = await createTestProject("schedules");
  agent = await startAgent();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await agent.close();
});

/** A cron that matches only `tick`'s minute of its day and month, as a clock in `timeZone` shows it. */
function cronFor(tick: Date, timeZone: string) {
  const t = wallClock(tick, timeZone);
  return `${t.minute} ${t.hour} ${t.day} ${t.month} *`;
}

async function suiteRuns(suiteId: string) {
  return getSql()<
    { id: string; trigger: string; trigger_meta: any; triggered_by: any; status: string }[]
  >`
    select id, trigger, trigger_meta, triggered_by, status from suite_runs where suite_id = ${suiteId}`;
}

describe("suite schedules", () => {
  it("fires a suite once per tick with two workers starting together (graphile crontab)", async () => {
    const timeZone = "Asia/Kolkata"; // a half-hour offset: the wall clock is not UTC's
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "scheduled", scorers: [contains("scheduled")] }],
    });
    // The tick under test is the current minute: the workers must start before it ends.
    if (new Date().getUTCSeconds() >= 56) await sleep((61 - new Date().getUTCSeconds()) * 1000);
    const tick = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await getSql()`update suites set schedule = ${getSql().json({ cron: cronFor(tick, timeZone), timezone: timeZone })}
      where id = ${suiteId}`;

    // Make graphile-worker's crontab believe this minute has not fired yet, so each worker starting
    // now backfills it (?fill=1m): both race to schedule the same tick, and one job must result.
    const sql = getSql();
    await sql`
      insert into graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
      values ('schedule_tick', ${new Date(tick.getTime() - 3_600_000)}, ${new Date(tick.getTime() - 120_000)})
      on conflict (identifier) do update set last_execution = excluded.last_execution`;
    workers.push(
      ...(await Promise.all([
        startWorker({ concurrency: 4, schedules: true }),
        startWorker({ concurrency: 4, schedules: true }),
      ])),
    );

    const deadline = Date.now() + 20_000;
    while ((await suiteRuns(suiteId)).length === 0 && Date.now() < deadline) await sleep(200);
    await sleep(2500); // time for any duplicate to appear
    const runs = await suiteRuns(suiteId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: "schedule",
      triggered_by: { type: "schedule", id: null, name: "cron" },
      trigger_meta: { scheduled_at: tick.toISOString(), timezone: timeZone },
    });
    const [suite] = await sql<
      { last_scheduled_at: Date }[]
    >`select last_scheduled_at from suites where id = ${suiteId}`;
    expect(suite.last_scheduled_at.toISOString()).toBe(tick.toISOString());

    // The run it started is a real one: the workers execute it.
    while (Date.now() < deadline + 10_000) {
      const [row] = await suiteRuns(suiteId);
      if (row.status === "passed") break;
      await sleep(200);
    }
    expect((await suiteRuns(suiteId))[0].status).toBe("passed");
    await sql`update suites set schedule = null where id = ${suiteId}`; // never fire again (next year)
  }, 60_000);

  it("claims each suite once when the same tick is handled concurrently on two connections", async () => {
    const tick = new Date("2031-05-06T07:08:00Z");
    const { suiteId } = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "twice", scorers: [contains("twice")] }],
      suite: { schedule: { cron: "38 12 6 5 *", timezone: "Asia/Kolkata" } }, // 07:08 UTC = 12:38 IST
    });
    const sql = getSql();
    const other = postgres(databaseUrl(), { max: 2, onnotice: () => {} });
    let started: string[][];
    try {
      started = await Promise.all([
        runScheduleTick(sql, tick),
        runScheduleTick(other as unknown as typeof sql, tick),
        runScheduleTick(sql, new Date(tick.getTime() + 30_000)), // the same minute, seconds later
      ]);
    } finally {
      await other.end();
    }
    const runs = await suiteRuns(suiteId);
    expect(runs).toHaveLength(1);
    expect(started.flat().filter((id) => id === runs[0].id)).toHaveLength(1);
    // The next minute does not match; the same tick replayed (a retried job) starts nothing new.
    await runScheduleTick(sql, new Date(tick.getTime() + 60_000));
    await runScheduleTick(sql, tick);
    expect(await suiteRuns(suiteId)).toHaveLength(1);
    await sql`update suites set schedule = null where id = ${suiteId}`;
  });

  it("skips archived suites and suites with nothing active to run", async () => {
    const tick = new Date("2031-02-03T04:05:00Z");
    const schedule = { cron: "5 4 3 2 *", timezone: "UTC" };
    const archived = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "a", scorers: [contains("a")] }],
      suite: { schedule, archived: true },
    });
    const empty = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "b", scorers: [contains("b")], archived: true }],
      suite: { schedule },
    });
    const live = await seedSuite({
      projectId: project.id,
      url: agent.url,
      scenarios: [{ input: "c", scorers: [contains("c")] }],
      suite: { schedule, repeatCount: 2 },
    });
    const started = await runScheduleTick(getSql(), tick);
    expect(await suiteRuns(archived.suiteId)).toHaveLength(0);
    expect(await suiteRuns(empty.suiteId)).toHaveLength(0);
    const [run] = await suiteRuns(live.suiteId);
    expect(started).toContain(run.id);
    const [{ n }] =
      await getSql()`select count(*)::int as n from runs where suite_run_id = ${run.id}`;
    expect(n).toBe(2);
    await getSql()`update suites set schedule = null where id = any(${[archived.suiteId, empty.suiteId, live.suiteId]})`;
  });
});
