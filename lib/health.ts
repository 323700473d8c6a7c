import { getSql } from "@/db/client";

/** Liveness of the database and of at least one worker (heartbeat within 30 s). */
export async function health() {
  try {
    const sql = getSql();
    const [row] = await sql<
      { last: Date | null }[]
    >`select max(last_heartbeat_at) as last from worker_heartbeats`;
    const alive = !!row.last && Date.now() - row.last.getTime() < 30_000;
    return {
      status: alive ? "ok" : "degraded",
      database: "ok",
      worker: { alive, last_heartbeat_at: row.last?.toISOString() ?? null },
    };
  } catch {
    return {
      status: "down",
      database: "unreachable",
      worker: { alive: false, last_heartbeat_at: null },
    };
  }
}
