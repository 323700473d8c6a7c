import { runScorer, type ScorerResult } from "./index";
import type { ScorerContext } from "./types";

/** A ScorerContext for tests: `outputText` follows `output` unless given. */
export function scorerContext(overrides: Partial<ScorerContext> = {}): ScorerContext {
  const output = "output" in overrides ? overrides.output : "";
  return {
    input: "What is the capital of France?",
    latencyMs: 120,
    transcript: [],
    secrets: {},
    signal: new AbortController().signal,
    ...overrides,
    output,
    outputText:
      overrides.outputText ?? (typeof output === "string" ? output : JSON.stringify(output)),
  };
}

/** Run a scorer of `type` with `config` on `output` (plus any other context). */
export function score(
  type: string,
  config: Record<string, unknown>,
  output: unknown,
  extra: Partial<ScorerContext> & { threshold?: number; name?: string } = {},
): Promise<ScorerResult> {
  const { threshold, name, ...ctx } = extra;
  return runScorer({ type, config, threshold, name }, scorerContext({ ...ctx, output }));
}
