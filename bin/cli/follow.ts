import { CliError, EXIT } from "./errors";
import { toCliError, type ApiClient } from "./http";
import { parseSse } from "./sse";
import { progressOf, TERMINAL, type Progress, type SuiteRun } from "./types";

export type FollowOptions = {
  onProgress: (progress: Progress) => void;
  /** Give up (exit 2) after this long; the run itself carries on. */
  timeoutMs: number;
  /** Silence after which a stream counts as dead (the server sends a heartbeat every 15 s). */
  idleMs?: number;
  pollMs?: number;
  /** Consecutive failed stream attempts before falling back to polling. */
  maxStreamFailures?: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait for a suite run to finish, reporting progress: the SSE stream first (resumed with
 * Last-Event-ID after a drop), polling GET /api/v1/suite-runs/{id} when streaming keeps failing.
 */
export async function followSuiteRun(
  client: ApiClient,
  id: string,
  opts: FollowOptions,
): Promise<SuiteRun> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastEventId: string | undefined;
  let failures = 0;
  while (failures < (opts.maxStreamFailures ?? 3)) {
    if (Date.now() > deadline) throw timedOut(client, id, opts.timeoutMs);
    const result = await streamOnce(client, id, lastEventId, deadline, opts).catch((error) => {
      if (error instanceof CliError) throw error;
      return { lastEventId: undefined, run: null, progressed: false };
    });
    if (result.run) return result.run;
    lastEventId = result.lastEventId ?? lastEventId;
    failures = result.progressed ? 1 : failures + 1;
    await sleep(Math.min(500 * 2 ** failures, 5000));
  }
  return poll(client, id, deadline, opts);
}

async function streamOnce(
  client: ApiClient,
  id: string,
  lastEventId: string | undefined,
  deadline: number,
  opts: FollowOptions,
): Promise<{ lastEventId?: string; run: SuiteRun | null; progressed: boolean }> {
  const abort = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const alive = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort.abort(), Math.min(opts.idleMs ?? 45_000, deadline - Date.now()));
  };
  alive();
  let progressed = false;
  try {
    const res = await fetch(client.url(`/api/v1/suite-runs/${encodeURIComponent(id)}/events`), {
      headers: client.headers({
        accept: "text/event-stream",
        ...(lastEventId ? { "last-event-id": lastEventId } : {}),
      }),
      signal: abort.signal,
    });
    if (!res.ok) {
      const error = await toCliError(res, `Suite run ${id} not found`);
      if (error.exitCode === EXIT.usage) throw error;
      return { run: null, progressed };
    }
    if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/event-stream"))
      return { run: null, progressed };
    for await (const frame of parseSse(res.body, alive)) {
      if (frame.id) lastEventId = frame.id;
      if (frame.event === "snapshot" || frame.event === "suite_run.completed") {
        const run = JSON.parse(frame.data) as SuiteRun;
        opts.onProgress(progressOf(run));
        progressed = true;
        if (frame.event === "suite_run.completed" || TERMINAL.has(run.status))
          return { lastEventId, run, progressed };
      } else if (frame.event === "progress") {
        const p = JSON.parse(frame.data) as {
          completed: number;
          total: number;
          passed_count: number;
          failed_count: number;
          errored_count: number;
          cancelled_count: number;
        };
        opts.onProgress({
          completed: p.completed,
          total: p.total,
          passed: p.passed_count,
          failed: p.failed_count,
          errored: p.errored_count,
          cancelled: p.cancelled_count,
        });
        progressed = true;
      }
    }
    return { lastEventId, run: null, progressed };
  } catch (error) {
    if (error instanceof CliError) throw error;
    return { lastEventId, run: null, progressed };
  } finally {
    clearTimeout(idle);
    abort.abort();
  }
}

async function poll(
  client: ApiClient,
  id: string,
  deadline: number,
  opts: FollowOptions,
): Promise<SuiteRun> {
  for (;;) {
    const run = await client.json<SuiteRun>("GET", `/api/v1/suite-runs/${encodeURIComponent(id)}`, {
      notFound: `Suite run ${id} not found`,
    });
    opts.onProgress(progressOf(run));
    if (TERMINAL.has(run.status)) return run;
    if (Date.now() > deadline) throw timedOut(client, id, opts.timeoutMs);
    await sleep(opts.pollMs ?? 2000);
  }
}

function timedOut(client: ApiClient, id: string, timeoutMs: number) {
  return new CliError(
    `Stopped waiting after ${Math.round(timeoutMs / 60_000)} min; the run goes on: ${client.config.baseUrl} (suite run ${id})`,
    EXIT.error,
  );
}
