import { z } from "zod";
import { runInSandbox } from "@/lib/sandbox";
import { errorVerdict, isRecord, preview } from "./shared";
import type { Scorer, ScorerVerdict } from "./types";

const configSchema = z.object({ source: z.string().min(1).max(100_000) }).strict();

export type JavascriptConfig = z.output<typeof configSchema>;

const TIME_LIMIT_MS = 1_000;
const MEMORY_LIMIT_MB = 32;
const MAX_REASON_CHARS = 500;

function invalidReturn(returned: unknown): ScorerVerdict {
  return errorVerdict(
    "javascript_error",
    `The javascript scorer returned ${preview(returned, 60)}; expected {score, reason}, a number or a boolean.`,
  );
}

/** Turn what the user's function returned into a verdict: {score, reason}, a number or a boolean. */
function toVerdict(returned: unknown): ScorerVerdict {
  const scorerOutput = { returned };
  if (typeof returned === "boolean") {
    return {
      score: returned ? 1 : 0,
      reason: `The javascript scorer returned ${returned}.`,
      scorerOutput,
    };
  }
  if (typeof returned === "number") {
    if (!Number.isFinite(returned)) return invalidReturn(returned);
    return { score: returned, reason: `The javascript scorer returned ${returned}.`, scorerOutput };
  }
  if (isRecord(returned)) {
    const raw = returned.score;
    const score = typeof raw === "boolean" ? (raw ? 1 : 0) : raw;
    if (typeof score !== "number" || !Number.isFinite(score)) return invalidReturn(returned);
    const reason =
      typeof returned.reason === "string" && returned.reason.trim() !== ""
        ? returned.reason.slice(0, MAX_REASON_CHARS)
        : `The javascript scorer returned a score of ${score}.`;
    return { score, reason, scorerOutput };
  }
  return invalidReturn(returned);
}

/**
 * A user's own scoring function, run in the QuickJS sandbox: `export default function (output,
 * {input, expected_output, latency_ms, transcript}) { return {score, reason} }`.
 */
export const javascriptScorer: Scorer<JavascriptConfig> = {
  type: "javascript",
  configSchema,
  async score(config, ctx) {
    const helpers = {
      input: ctx.input ?? null,
      expected_output: ctx.expectedOutput ?? null,
      latency_ms: ctx.latencyMs,
      transcript: ctx.transcript,
    };
    const result = await runInSandbox({
      source: config.source,
      args: [ctx.output ?? null, helpers],
      timeoutMs: TIME_LIMIT_MS,
      memoryMb: MEMORY_LIMIT_MB,
    });
    if (!result.ok) {
      return errorVerdict(
        "javascript_error",
        `The javascript scorer failed (${result.error.code}): ${result.error.message}`,
      );
    }
    return toVerdict(result.value);
  },
};
