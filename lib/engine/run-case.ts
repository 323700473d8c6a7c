import type { SimulationSpec, TranscriptEntry } from "@/db/schema";
import { runScorer } from "@/lib/scorers";
import type { ChatMessage, ScorerContext, ScorerSpec, Usage } from "@/lib/scorers/types";
import {
  prepareSimulation,
  simulationBrief,
  simulationMeta,
  totals,
  withJudgeOverride,
  simulationRun,
  type PreparedSimulation,
  type RoleUsage,
} from "@/lib/simulation/case";
import { runSimulation, SimulationError, type EndReason } from "@/lib/simulation/loop";
import { addUsage, priced, zeroUsage, type RunOverride } from "@/lib/simulation/provider";
import { callTarget } from "@/lib/targets";
import { TargetError, type TargetDefinition, type TargetResponse } from "@/lib/targets/types";
import { withRetries } from "./retry";
import { scrubSecrets } from "./scrub";

export type CaseScenario = {
  id: string;
  input: unknown;
  turns: string[] | null;
  simulation: SimulationSpec | null;
  expectedOutput: unknown;
  scorers: ScorerSpec[];
};

export type ResultRow = {
  scorerIndex: number;
  scorer: string;
  name: string;
  passed: boolean;
  score: number;
  threshold: number;
  reason: string;
  scorerOutput: Record<string, unknown>;
  durationMs: number;
};

export type CaseOutcome = {
  status: "passed" | "failed" | "error";
  output: unknown;
  transcript: TranscriptEntry[] | null;
  errorCode: string | null;
  errorMessage: string | null;
  latencyMs: number | null;
  tokens: { prompt: number; completion: number; total: number } | null;
  costUsd: number | null;
  results: ResultRow[];
  meta: Record<string, unknown>;
};

export type CaseEnv = {
  secrets: Record<string, string>;
  signal: AbortSignal;
  resolveTarget: (id: string) => Promise<TargetDefinition | null>;
  /** Waits for a free slot under every concurrency and rate limit, runs the call, releases. */
  throttle: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Score this output instead of calling the target (POST /api/v1/run). */
  supplied?: { output: unknown };
};

/** A target as configured for one suite run, with the run's simulator/judge override. */
export type CaseTarget = TargetDefinition & { runOverride?: RunOverride };

export const textOf = (value: unknown): string =>
  typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);

/**
 * Run one scenario against one target: call (per scripted turn, or as a simulated user talks to
 * it), score, and say passed, failed or error.
 */
export async function runCase(
  scenario: CaseScenario,
  target: CaseTarget,
  env: CaseEnv,
): Promise<CaseOutcome> {
  const secretValues = Object.values(env.secrets);
  const usage: Usage = zeroUsage();
  let attempts = 0;
  // A supplied output has no conversation to simulate: it is scored by the scenario's scorers.
  // Simulated cases account tokens and cost per role; `usage` is then the target's alone.
  let sim: (PreparedSimulation & { roles: RoleUsage }) | null = null;
  if (scenario.simulation && !env.supplied) {
    const prepared = prepareSimulation(
      scenario.simulation,
      scenario.scorers,
      target.runOverride,
      env.secrets,
    );
    if (!prepared.ok) {
      const meta = simulationMeta(null, roleUsage(usage), 0);
      return {
        ...empty(),
        status: "error",
        errorCode: prepared.code,
        errorMessage: prepared.message,
        meta,
      };
    }
    sim = { ...prepared.value, roles: roleUsage(usage) };
  }
  let endReason: EndReason | null = null;
  const call = async (input: unknown, messages: ChatMessage[]): Promise<TargetResponse> => {
    if (env.supplied) return { output: env.supplied.output, latencyMs: 0 };
    const { value, attempts: n } = await withRetries(target.retries, env.signal, () =>
      env.throttle(() =>
        callTarget(target, {
          input,
          messages,
          secrets: env.secrets,
          signal: env.signal,
          resolveTarget: env.resolveTarget,
        }),
      ),
    );
    attempts = Math.max(attempts, n);
    addUsage(usage, value.usage);
    return value;
  };

  const transcript: TranscriptEntry[] = [];
  const replies: { output: unknown; latencyMs: number; transcript: ChatMessage[] }[] = [];
  let latencyMs = 0;
  let toolCalls: TargetResponse["toolCalls"];
  try {
    const turns = scenario.turns && scenario.turns.length > 0 ? scenario.turns : null;
    if (sim) {
      const done = await runSimulation(simulationRun(sim, transcript, sim.roles, env.signal, call));
      endReason = done.endReason;
      for (const reply of done.replies) {
        latencyMs += reply.latencyMs;
        toolCalls = reply.toolCalls;
        replies.push({
          output: reply.output,
          latencyMs: reply.latencyMs,
          transcript: toMessages(transcript.slice(0, reply.transcriptLength)),
        });
      }
      // The judge reads the whole conversation, the simulator's closing words included.
      replies[replies.length - 1].transcript = toMessages(transcript);
    } else if (turns) {
      for (const turn of turns) {
        transcript.push({ role: "user", content: turn, speaker: "scripted" });
        const res = await call(turn, toMessages(transcript));
        latencyMs += res.latencyMs;
        toolCalls = res.toolCalls;
        transcript.push({
          role: "assistant",
          content: textOf(res.output),
          latency_ms: res.latencyMs,
          speaker: "target",
        });
        replies.push({
          output: res.output,
          latencyMs: res.latencyMs,
          transcript: toMessages(transcript),
        });
      }
    } else {
      const res = await call(scenario.input, [{ role: "user", content: textOf(scenario.input) }]);
      latencyMs = res.latencyMs;
      toolCalls = res.toolCalls;
      replies.push({ output: res.output, latencyMs: res.latencyMs, transcript: [] });
    }
  } catch (error) {
    if (env.signal.aborted) throw error;
    const code =
      error instanceof TargetError || error instanceof SimulationError ? error.code : "internal";
    const message = error instanceof Error ? error.message : String(error);
    if (sim) latencyMs = targetLatency(transcript);
    return {
      ...empty(),
      status: "error",
      errorCode: code,
      errorMessage: scrubSecrets(message, secretValues),
      transcript: transcript.length ? scrubSecrets(transcript, secretValues) : null,
      latencyMs: latencyMs || null,
      ...(sim ? totals(sim.roles) : {}),
      meta: sim
        ? {
            attempts,
            ...simulationMeta(
              error instanceof SimulationError ? "simulator_error" : "target_error",
              sim.roles,
              countReplies(transcript),
            ),
          }
        : { attempts },
    };
  }

  const final = replies[replies.length - 1];
  const output = scrubSecrets(final.output, secretValues);
  const results: ResultRow[] = [];
  const judgeOverride = target.runOverride?.judge;
  const specs = sim
    ? sim.scorers
    : judgeOverride
      ? scenario.scorers.map((s) => withJudgeOverride(s, target.runOverride))
      : scenario.scorers;
  const briefIndex = sim ? specs.length - 1 : -1;
  for (const [index, spec] of specs.entries()) {
    const targets = spec.applies_to === "each_turn" ? replies : [final];
    const verdicts = [];
    for (const reply of targets) {
      const ctx: ScorerContext = {
        output: reply.output,
        outputText: textOf(reply.output),
        input:
          sim && index === briefIndex ? simulationBrief(sim.spec, scenario.input) : scenario.input,
        expectedOutput: scenario.expectedOutput ?? undefined,
        latencyMs: reply.latencyMs,
        transcript: reply.transcript,
        toolCalls,
        secrets: env.secrets,
        signal: env.signal,
      };
      verdicts.push(await runScorer(spec, ctx));
    }
    const worst = verdicts.reduce((a, b) =>
      b.error || (!b.passed && !a.error) || b.score < a.score ? b : a,
    );
    if (sim) {
      for (const v of verdicts)
        if (v.usage) addUsage(sim.roles.judge, priced(v.usage, sim.judgePrices[index]));
    } else for (const v of verdicts) addUsage(usage, v.usage);
    results.push({
      scorerIndex: index,
      scorer: spec.type,
      name: worst.name,
      passed: verdicts.every((v) => v.passed),
      score:
        verdicts.length > 1
          ? verdicts.reduce((s, v) => s + v.score, 0) / verdicts.length
          : worst.score,
      threshold: worst.threshold,
      reason: scrubSecrets(
        verdicts.length > 1
          ? `${verdicts.filter((v) => v.passed).length}/${verdicts.length} turns passed. ${worst.reason}`
          : worst.reason,
        secretValues,
      ),
      scorerOutput: scrubSecrets(
        worst.error ? { error: worst.error } : worst.scorerOutput,
        secretValues,
      ),
      durationMs: Math.round(verdicts.reduce((s, v) => s + v.durationMs, 0)),
    });
  }

  const scorerError = results.find((r) => r.scorerOutput.error !== undefined);
  const tokens =
    usage.promptTokens || usage.completionTokens
      ? {
          prompt: usage.promptTokens,
          completion: usage.completionTokens,
          total: usage.promptTokens + usage.completionTokens,
        }
      : null;
  const outcome: CaseOutcome = {
    status: scorerError ? "error" : results.every((r) => r.passed) ? "passed" : "failed",
    output,
    transcript: transcript.length ? scrubSecrets(transcript, secretValues) : null,
    errorCode: scorerError ? String(scorerError.scorerOutput.error) : null,
    errorMessage: scorerError
      ? `Scorer "${scorerError.name}" could not judge: ${scorerError.reason}`
      : null,
    latencyMs: Math.round(latencyMs),
    tokens,
    costUsd: usage.costUsd ? usage.costUsd : null,
    results,
    meta: { attempts },
  };
  if (!sim) return outcome;
  return {
    ...outcome,
    ...totals(sim.roles),
    meta: { attempts, ...simulationMeta(endReason, sim.roles, replies.length) },
  };
}

function toMessages(transcript: TranscriptEntry[]): ChatMessage[] {
  return transcript.map((t) => ({ role: t.role, content: t.content }));
}

const roleUsage = (target: Usage): RoleUsage => ({
  target,
  simulator: zeroUsage(),
  judge: zeroUsage(),
});

const targetLatency = (transcript: TranscriptEntry[]) =>
  transcript.reduce((sum, t) => sum + (t.speaker === "target" ? (t.latency_ms ?? 0) : 0), 0);

const countReplies = (transcript: TranscriptEntry[]) =>
  transcript.filter((t) => t.speaker === "target").length;

function empty(): Omit<CaseOutcome, "status"> {
  return {
    output: null,
    transcript: null,
    errorCode: null,
    errorMessage: null,
    latencyMs: null,
    tokens: null,
    costUsd: null,
    results: [],
    meta: {},
  };
}
