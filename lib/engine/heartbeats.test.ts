import { describe, expect, it } from "vitest";
import { getSql } from "@/db/client";
import { startWorker } from "./worker";

describe("worker heartbeats", () => {
  it("records the worker, and forgets workers silent for more than a day", async () => {
    const sql = getSql();
    await sql`insert into worker_heartbeats (worker_id, started_at, last_heartbeat_at) values
      ('wrk_gone', now() - interval '3 days', now() - interval '2 days'),
      ('wrk_quiet', now() - interval '2 hours', now() - interval '1 hour')`;
    const worker = await startWorker({ schedules: false });
    try {
      const rows = await sql<{ worker_id: string }[]>`
        select worker_id from worker_heartbeats where worker_id in ('wrk_gone', 'wrk_quiet', ${worker.workerId})`;
      expect(rows.map((r) => r.worker_id).sort()).toEqual([worker.workerId, "wrk_quiet"].sort());
    } finally {
      await worker.stop();
      await sql`delete from worker_heartbeats where worker_id = 'wrk_quiet'`;
    }
    const [left] =
      await sql`select count(*)::int as n from worker_heartbeats where worker_id = ${worker.workerId}`;
    expect(left.n).toBe(0);
  });
});
