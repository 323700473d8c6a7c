import type { z } from "zod";

export type ChatMessage = { role: "system" | "user" | "assistant" | "tool"; content: string };

/** Tokens and cost an LLM-backed scorer spent, so the run can account for them. */
export type Usage = { promptTokens: number; completionTokens: number; costUsd?: number };

/** What a scorer sees of one run. */
export type ScorerContext = {
  /** The target's output as returned (usually a string; may be parsed JSON). */
  output: unknown;
  /** The output as text: strings as-is, anything else JSON-serialised. */
  outputText: string;
  input: unknown;
  expectedOutput?: unknown;
  latencyMs: number;
  /** The conversation so far (multi-turn, simulations); empty for single-turn. */
  transcript: ChatMessage[];
  /** OpenAI-style tool calls the target returned, when it returned any. */
  toolCalls?: { name: string; arguments: unknown }[];
  /** Decrypted project secrets by name, for `api_key_secret` references. Never echo these. */
  secrets: Record<string, string>;
  signal: AbortSignal;
};

export type ScorerVerdict = {
  score: number; // in [0, 1]
  reason: string;
  /** The scorer-specific shape from API.md ("scorer_output by scorer"). */
  scorerOutput: Record<string, unknown>;
  /**
   * A configuration or infrastructure error (e.g. "missing_byok_key", "judge_unavailable"):
   * the runner could not judge, so the run ends `error`, not `failed`. scorerOutput is then {error: code}.
   */
  error?: string;
  usage?: Usage;
};

export interface Scorer<C = unknown> {
  type: string;
  configSchema: z.ZodType<C>;
  score(config: C, ctx: ScorerContext): Promise<ScorerVerdict>;
}

/** A scorer as stored on a scenario (API.md "Scenario"). */
export type ScorerSpec = {
  type: string;
  name?: string;
  threshold?: number;
  applies_to?: "final" | "each_turn";
  config: Record<string, unknown>;
};
