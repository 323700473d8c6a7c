import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { parseCrontab, run, type Runner } from "graphile-worker";
import { z } from "zod";
import { databaseUrl, newEnginePool } from "@/db/client";
import { silentLogger } from "@/db/migrate";
import { log } from "@/lib/log";
import { subscribe } from "@/lib/events/bus";
import { executeChunk, type WorkerState } from "./execute-chunk";
import { DbSlots, Semaphore } from "./limits";
import { reapExpiredLeases } from "./reaper";
import { CompletionWriter } from "./writer";
import { deliverJobPayload, runDeliveryJob } from "@/lib/webhooks/deliver";
import { runScheduleTick, SCHEDULE_CRONTAB, tickPayload } from "@/lib/schedules/tick";

const chunkPayload = z.object({
  suite_run_id: z.string(),
  chunk: z.number().int().min(0),
  first: z.string().optional(),
  last: z.string().optional(),
});

export type WorkerHandle = { workerId: string; stop: () => Promise<void> };

/** Start a worker in this process: graphile-worker for jobs, plus lease reaping and a heartbeat. */
export async function startWorker(
  opts: {
    concurrency?: number;
    jobConcurrency?: number;
    /** Fire suites' cron schedules (default on; ASSAY_SCHEDULES=off turns it off for the process). */
    schedules?: boolean;
  } = {},
): Promise<WorkerHandle> {
  const sql = newEnginePool();
  const workerId = `wrk_${hostname()}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const state: WorkerState = {
    workerId,
    sql,
    writer: new CompletionWriter(sql),
    semaphore: new Semaphore(
      opts.concurrency ?? Number(process.env.ASSAY_WORKER_CONCURRENCY ?? 64),
    ),
    slots: new DbSlots(sql, workerId),
    inflight: new Map(),
  };

  const unsubscribe = await subscribe("*", (msg) => {
    if (msg.cancel && msg.s)
      state.inflight.get(msg.s)?.forEach((c) => c.abort(new Error("cancelled")));
  });

  const runner: Runner = await run({
    connectionString: databaseUrl(),
    concurrency: opts.jobConcurrency ?? Number(process.env.ASSAY_JOB_CONCURRENCY ?? 8),
    noHandleSignals: true,
    pollInterval: 2000,
    logger: silentLogger(),
    // One schedule_tick job per minute across every worker process (graphile's known_crontabs lock).
    parsedCronItems:
      (opts.schedules ?? process.env.ASSAY_SCHEDULES !== "off")
        ? parseCrontab(SCHEDULE_CRONTAB)
        : [],
    taskList: {
      execute_chunk: async (payload) => {
        const parsed = chunkPayload.safeParse(payload);
        if (!parsed.success) return log.error("bad execute_chunk payload: dropped", { payload }); // not retried
        await executeChunk(state, parsed.data);
      },
      deliver_webhook: async (payload, helpers) => {
        const parsed = deliverJobPayload.safeParse(payload);
        if (!parsed.success) return log.error("bad deliver_webhook payload: dropped", { payload });
        await runDeliveryJob(sql, parsed.data, helpers.job);
      },
      schedule_tick: async (payload) => {
        const parsed = tickPayload.safeParse(payload);
        if (!parsed.success) return log.error("bad schedule_tick payload: dropped", { payload });
        await runScheduleTick(sql, new Date(parsed.data._cron.ts));
      },
    },
  });

  const beat = async () => {
    await sql`insert into worker_heartbeats (worker_id, started_at, last_heartbeat_at) values (${workerId}, now(), now())
              on conflict (worker_id) do update set last_heartbeat_at = now()`.catch(() => {});
    // A worker killed without its shutdown leaves its row behind: gone after a day of silence.
    await sql`delete from worker_heartbeats where last_heartbeat_at < now() - interval '1 day'`.catch(
      () => {},
    );
    await reapExpiredLeases(sql).catch((error) =>
      log.warn("reaper failed", { error: String(error) }),
    );
  };
  await beat();
  const timer = setInterval(
    () => void beat(),
    Number(process.env.ASSAY_REAPER_INTERVAL_MS ?? 10_000),
  );
  log.info("worker started", { workerId });

  return {
    workerId,
    stop: async () => {
      clearInterval(timer);
      unsubscribe();
      await runner.stop();
      await sql`delete from worker_heartbeats where worker_id = ${workerId}`.catch(() => {});
      await sql.end({ timeout: 5 }).catch(() => {});
    },
  };
}
