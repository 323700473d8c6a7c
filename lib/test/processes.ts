import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real worker process (`bin/worker.ts` in one node process, so SIGKILL hits the worker itself). */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/worker.ts"], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      ASSAY_DATA_DIR: mkdtempSync(join(tmpdir(), "assay-worker-")),
      ASSAY_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => {
    if (process.env.ASSAY_TEST_WORKER_LOGS) process.stderr.write(`[worker ${child.pid}] ${d}`);
  }); // drained; reaper warnings are expected here
  return child;
}

export async function waitForWorkers(
  sql: import("@/db/client").Sql,
  count: number,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from worker_heartbeats where last_heartbeat_at > now() - interval '5 seconds'`;
    if (n >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${count} workers came up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
