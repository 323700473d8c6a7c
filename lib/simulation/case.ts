import type { RE2JS } from "re2js";
import type { SimulationSpec, TranscriptEntry } from "@/db/schema";
import { compileRe2 } from "@/lib/scorers/regex";
import type { ChatMessage, ScorerSpec, Usage } from "@/lib/scorers/types";
import type { TargetResponse } from "@/lib/targets/types";
import type { EndReason, SimulationRun } from "./loop";
import {
  judgeProvider,
  simulatorProvider,
  type Prices,
  type Provider,
  type RunOverride,
} from "./provider";

/** The name of the scorer `judge_criteria` adds to a simulated scenario. */
export const IMPLICIT_JUDGE_NAME = "judge_criteria";

export type PreparedSimulation = {
  spec: SimulationSpec;
  simulator: Provider & { apiKey: string };
  stopWhen: RE2JS | null;
  /** Every scorer of the case: the scenario's (judge override applied) and the implicit judge. */
  scorers: ScorerSpec[];
  /** Prices per scorer index, for the judges' token usage. */
  judgePrices: (Prices | undefined)[];
};

export type PrepareResult =
  { ok: true; value: PreparedSimulation } | { ok: false; code: string; message: string };

const hasKey = (secrets: Record<string, string>, name?: string): name is string =>
  name !== undefined && Object.hasOwn(secrets, name) && secrets[name] !== "";

/**
 * Resolve a simulated case before any call: providers with the run's overrides, keys, the
 * `stop_when` pattern and the scorers. A missing key fails here, so nothing is called.
 */
export function prepareSimulation(
  spec: SimulationSpec,
  scenarioScorers: ScorerSpec[],
  override: RunOverride | undefined,
  secrets: Record<string, string>,
): PrepareResult {
  const simulator = simulatorProvider(spec, override);
  if (!hasKey(secrets, simulator.api_key_secret)) {
    return {
      ok: false,
      code: "missing_byok_key",
      message: simulator.api_key_secret
        ? `The project has no secret named ${JSON.stringify(simulator.api_key_secret)} for the simulator's API key.`
        : "The simulation names no api_key_secret for the simulator's API key.",
    };
  }
  const judge = judgeProvider(simulator, override, simulator);
  if (!hasKey(secrets, judge.api_key_secret)) {
    return {
      ok: false,
      code: "missing_byok_key",
      message: `The project has no secret named ${JSON.stringify(judge.api_key_secret ?? "")} for the judge's API key.`,
    };
  }
  let stopWhen: RE2JS | null = null;
  if (spec.stop_when) {
    try {
      stopWhen = compileRe2(spec.stop_when);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        code: "invalid_simulation_config",
        message: `simulation.stop_when is not a valid RE2 pattern: ${detail}`,
      };
    }
  }
  const explicit = scenarioScorers.map((s) => withJudgeOverride(s, override));
  const implicit: ScorerSpec = {
    type: "llm_judge",
    name: IMPLICIT_JUDGE_NAME,
    threshold: 1,
    applies_to: "final",
    config: {
      criteria: spec.judge_criteria,
      provider: {
        base_url: judge.base_url,
        model: judge.model,
        api_key_secret: judge.api_key_secret,
      },
    },
  };
  const scorers = [...explicit, implicit];
  return {
    ok: true,
    value: {
      spec,
      simulator: { ...simulator, apiKey: secrets[simulator.api_key_secret] },
      stopWhen,
      scorers,
      judgePrices: scorers.map((s, i) =>
        i === explicit.length ? judge.prices : pricesOfJudgeSpec(s, override, simulator),
      ),
    },
  };
}

function providerOfSpec(spec: ScorerSpec): Provider | null {
  const provider = spec.config.provider as Partial<Provider> | undefined;
  if (!provider || typeof provider.base_url !== "string" || typeof provider.model !== "string")
    return null;
  return {
    base_url: provider.base_url,
    model: provider.model,
    api_key_secret: provider.api_key_secret,
  };
}

function pricesOfJudgeSpec(
  spec: ScorerSpec,
  override: RunOverride | undefined,
  simulator: Provider,
) {
  if (spec.type !== "llm_judge") return undefined;
  const provider = providerOfSpec(spec);
  return provider ? judgeProvider(provider, override, simulator).prices : undefined;
}

/** An `llm_judge` scorer with the suite run's judge override (model, endpoint, key) applied. */
export function withJudgeOverride(spec: ScorerSpec, override: RunOverride | undefined): ScorerSpec {
  const patch = override?.judge;
  if (!patch || spec.type !== "llm_judge") return spec;
  const provider = (spec.config.provider ?? {}) as Record<string, unknown>;
  return {
    ...spec,
    config: {
      ...spec.config,
      provider: {
        ...provider,
        ...(patch.base_url ? { base_url: patch.base_url } : {}),
        ...(patch.model ? { model: patch.model } : {}),
        ...(patch.api_key_secret ? { api_key_secret: patch.api_key_secret } : {}),
      },
    },
  };
}

/** The loop's inputs for a prepared case: the transcript and simulator usage fill in place. */
export function simulationRun(
  sim: PreparedSimulation,
  transcript: TranscriptEntry[],
  roles: RoleUsage,
  signal: AbortSignal,
  callAgent: (input: string, messages: ChatMessage[]) => Promise<TargetResponse>,
): SimulationRun {
  return {
    spec: sim.spec,
    simulator: {
      baseUrl: sim.simulator.base_url,
      model: sim.simulator.model,
      apiKey: sim.simulator.apiKey,
      prices: sim.simulator.prices,
    },
    stopWhen: sim.stopWhen,
    transcript,
    usage: roles.simulator,
    signal,
    callAgent,
  };
}

/** What the implicit judge reads as the case's input: who the user was and what they wanted. */
export function simulationBrief(spec: SimulationSpec, input: unknown): string {
  const parts = [`Simulated user persona: ${spec.persona}`, `The user's mission: ${spec.mission}`];
  if (input !== null && input !== undefined)
    parts.push(`Scenario input: ${typeof input === "string" ? input : JSON.stringify(input)}`);
  return parts.join("\n");
}

export type RoleUsage = { target: Usage; simulator: Usage; judge: Usage };

const usageJson = (usage: Usage) => ({
  prompt: usage.promptTokens,
  completion: usage.completionTokens,
  cost_usd: usage.costUsd ?? null,
});

/** `runs.meta` of a simulated case: why it ended and what each role spent. */
export function simulationMeta(
  endReason: EndReason | "simulator_error" | "target_error" | null,
  roles: RoleUsage,
  turns: number,
): Record<string, unknown> {
  return {
    end_reason: endReason,
    turns,
    usage: {
      target: usageJson(roles.target),
      simulator: usageJson(roles.simulator),
      judge: usageJson(roles.judge),
    },
  };
}

/** Run totals over every role: `tokens` null when nothing was counted, cost null when unpriced. */
export function totals(roles: RoleUsage): {
  tokens: { prompt: number; completion: number; total: number } | null;
  costUsd: number | null;
} {
  const all = [roles.target, roles.simulator, roles.judge];
  const prompt = all.reduce((s, u) => s + u.promptTokens, 0);
  const completion = all.reduce((s, u) => s + u.completionTokens, 0);
  const costs = all.filter((u) => u.costUsd !== undefined);
  return {
    tokens: prompt || completion ? { prompt, completion, total: prompt + completion } : null,
    costUsd: costs.length
      ? Math.round(costs.reduce((s, u) => s + (u.costUsd ?? 0), 0) * 1e10) / 1e10
      : null,
  };
}
