import type { Sql } from "@/db/client";
import { newId } from "@/lib/ids";
import { loadSecrets } from "@/lib/secrets/service";
import { log } from "@/lib/log";
import { applyOverride, loadScenarios, loadTargets, type EngineTarget } from "./definitions";
import { DbSlots, reserveRateSlot, Semaphore } from "./limits";
import { runCase, type CaseOutcome } from "./run-case";
import { sleep } from "./retry";
import {
  claimChunk,
  extendLeases,
  LEASE_MS,
  SUPPLIED_OUTPUT_TARGET,
  type ChunkJob,
  type ClaimedRun,
  type CompletedResult,
  type CompletedRun,
} from "./sql";
import type { CompletionWriter } from "./writer";
import { getDb } from "@/db/client";

export type WorkerState = {
  workerId: string;
  sql: Sql;
  writer: CompletionWriter;
  semaphore: Semaphore;
  slots: DbSlots;
  /** In-flight work per suite run, so a cancel can abort it. */
  inflight: Map<string, Set<AbortController>>;
};

type SuiteRunInfo = {
  project_id: string;
  status: string;
  cancel_requested_at: Date | null;
  max_concurrency: number | null;
  config_override: Record<string, unknown>;
};

/** The execute_chunk job: claim the chunk's queued runs, run them under every limit, commit each as it ends. */
export async function executeChunk(state: WorkerState, payload: ChunkJob): Promise<void> {
  const { sql, workerId } = state;
  const [info] = await sql<SuiteRunInfo[]>`
    select project_id, status, cancel_requested_at, max_concurrency, config_override from suite_runs where id = ${payload.suite_run_id}`;
  if (
    !info ||
    info.cancel_requested_at ||
    ["passed", "failed", "error", "cancelled"].includes(info.status)
  )
    return;

  const claimed = await claimChunk(sql, { job: payload, workerId });
  if (claimed.length === 0) return;

  const controller = new AbortController();
  const registry = state.inflight.get(payload.suite_run_id) ?? new Set();
  registry.add(controller);
  state.inflight.set(payload.suite_run_id, registry);
  const open = new Set(claimed.map((r) => r.id));
  const heartbeat = setInterval(
    () => void extendLeases(sql, { runIds: [...open], workerId }).catch(() => {}),
    LEASE_MS / 4,
  );

  try {
    const [scenarios, targets, secrets] = await Promise.all([
      loadScenarios(sql, info.project_id, unique(claimed.map((r) => r.scenario_id))),
      loadTargets(sql, info.project_id, unique(claimed.map((r) => r.target_id))),
      loadSecrets(getDb(), info.project_id),
    ]);
    const resolveTarget = async (id: string) =>
      (await loadTargets(sql, info.project_id, [id])).get(id) ?? null;

    await Promise.all(
      claimed.map(async (run) => {
        const outcome = await executeOne(state, run, {
          info,
          scenarios,
          targets,
          secrets,
          signal: controller.signal,
          suiteRunId: payload.suite_run_id,
          resolveTarget,
        });
        await state.writer.submit(toCompleted(run, outcome), toResults(run, outcome));
        open.delete(run.id);
      }),
    );
  } finally {
    clearInterval(heartbeat);
    registry.delete(controller);
    if (registry.size === 0) state.inflight.delete(payload.suite_run_id);
  }
}

const suppliedTarget: EngineTarget = {
  id: SUPPLIED_OUTPUT_TARGET,
  name: "Supplied output",
  type: "http",
  config: {},
  timeoutMs: 0,
  retries: 0,
  maxConcurrency: null,
  rateLimitPerS: null,
};

type ChunkEnv = {
  info: SuiteRunInfo;
  scenarios: Awaited<ReturnType<typeof loadScenarios>>;
  targets: Map<string, EngineTarget>;
  secrets: Record<string, string>;
  signal: AbortSignal;
  suiteRunId: string;
  resolveTarget: (id: string) => Promise<EngineTarget | null>;
};

async function executeOne(
  state: WorkerState,
  run: ClaimedRun,
  env: ChunkEnv,
): Promise<CaseOutcome | "cancelled"> {
  const scenario = env.scenarios.get(run.scenario_id);
  const supplied = run.target_id === SUPPLIED_OUTPUT_TARGET;
  const base = supplied ? suppliedTarget : env.targets.get(run.target_id);
  if (!scenario || !base)
    return failure(
      "config_error",
      `The ${scenario ? "target" : "scenario"} of this run no longer exists`,
    );
  const target = applyOverride(base, env.info.config_override ?? {});
  try {
    return await runCase(scenario, target, {
      secrets: env.secrets,
      signal: env.signal,
      resolveTarget: env.resolveTarget,
      throttle: supplied ? (fn) => fn() : (fn) => throttle(state, env, target, fn),
      supplied: supplied ? { output: run.supplied_output } : undefined,
    });
  } catch (error) {
    if (env.signal.aborted) return "cancelled";
    log.error("run crashed", {
      runId: run.id,
      error: error instanceof Error ? error.stack : String(error),
    });
    return failure("internal", "The runner failed unexpectedly while executing this run");
  }
}

/** Global (per process), per-suite-run and per-target concurrency, then the target's rate limit. */
async function throttle<T>(
  state: WorkerState,
  env: ChunkEnv,
  target: EngineTarget,
  fn: () => Promise<T>,
): Promise<T> {
  const held: { key: string; slot: number }[] = [];
  await state.semaphore.acquire();
  try {
    const leaseMs = target.timeoutMs + 5_000; // a call never outlives its timeout; a dead holder frees the slot soon after
    if (env.info.max_concurrency)
      held.push({
        key: `srun:${env.suiteRunId}`,
        slot: await state.slots.acquire(
          `srun:${env.suiteRunId}`,
          env.info.max_concurrency,
          leaseMs,
          env.signal,
        ),
      });
    if (target.maxConcurrency)
      held.push({
        key: `tgt:${target.id}`,
        slot: await state.slots.acquire(
          `tgt:${target.id}`,
          target.maxConcurrency,
          leaseMs,
          env.signal,
        ),
      });
    if (target.rateLimitPerS) {
      const delay = await reserveRateSlot(state.sql, `tgt:${target.id}`, target.rateLimitPerS);
      if (delay > 0) await sleep(delay, env.signal);
    }
    return await fn();
  } finally {
    for (const h of held) await state.slots.release(h.key, h.slot).catch(() => {});
    state.semaphore.release();
  }
}

function failure(code: string, message: string): CaseOutcome {
  return {
    status: "error",
    output: null,
    transcript: null,
    errorCode: code,
    errorMessage: message,
    latencyMs: null,
    tokens: null,
    costUsd: null,
    results: [],
    meta: {},
  };
}

function toCompleted(run: ClaimedRun, outcome: CaseOutcome | "cancelled"): CompletedRun {
  if (outcome === "cancelled") {
    return {
      id: run.id,
      attempt: run.attempt,
      status: "cancelled",
      output: null,
      transcript: null,
      error_code: null,
      error_message: null,
      latency_ms: null,
      tokens: null,
      cost_usd: null,
      meta: null,
    };
  }
  return {
    id: run.id,
    attempt: run.attempt,
    status: outcome.status,
    output: outcome.output ?? null,
    transcript: outcome.transcript,
    error_code: outcome.errorCode,
    error_message: outcome.errorMessage,
    latency_ms: outcome.latencyMs,
    tokens: outcome.tokens,
    cost_usd: outcome.costUsd,
    meta: outcome.meta,
  };
}

function toResults(run: ClaimedRun, outcome: CaseOutcome | "cancelled"): CompletedResult[] {
  if (outcome === "cancelled") return [];
  return outcome.results.map((r) => ({
    id: newId("result"),
    run_id: run.id,
    scorer_index: r.scorerIndex,
    scorer: r.scorer,
    name: r.name,
    passed: r.passed,
    score: r.score,
    threshold: r.threshold,
    reason: r.reason,
    scorer_output: r.scorerOutput,
    duration_ms: r.durationMs,
  }));
}

const unique = <T>(xs: T[]) => [...new Set(xs)];
