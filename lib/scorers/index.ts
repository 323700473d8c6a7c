import { containsScorer } from "./contains";
import { exactMatchScorer } from "./exact_match";
import { javascriptScorer } from "./javascript";
import { jsonPathScorer } from "./json_path";
import { jsonSchemaScorer } from "./json_schema";
import { latencyScorer } from "./latency";
import { llmJudgeScorer } from "./llm_judge";
import { regexScorer } from "./regex";
import { errorVerdict, type ConfigChecker, type ConfigProblem } from "./shared";
import { similarityScorer } from "./similarity";
import { toolCallScorer } from "./tool_call";
import type { Scorer, ScorerContext, ScorerSpec, ScorerVerdict } from "./types";

export type { ConfigProblem } from "./shared";
export type { Scorer, ScorerContext, ScorerSpec, ScorerVerdict } from "./types";

type AnyScorer = Scorer<unknown> & Partial<ConfigChecker<unknown>>;

/** Every scorer by its `type`, as scenarios name them. */
export const scorers: Record<string, AnyScorer> = {
  exact_match: exactMatchScorer,
  contains: containsScorer,
  regex: regexScorer,
  json_schema: jsonSchemaScorer,
  similarity: similarityScorer,
  json_path: jsonPathScorer,
  tool_call: toolCallScorer,
  latency: latencyScorer,
  javascript: javascriptScorer,
  llm_judge: llmJudgeScorer,
};

export const scorerTypes = Object.keys(scorers);

export type ScorerResult = ScorerVerdict & {
  passed: boolean;
  threshold: number;
  durationMs: number;
  name: string;
};

const DEFAULT_THRESHOLD = 1;
/** Shorter secret values would redact ordinary words. */
const MIN_REDACTED_LENGTH = 8;

function lookup(type: string): AnyScorer | undefined {
  return Object.hasOwn(scorers, type) ? scorers[type] : undefined;
}

function issuesToProblems(issues: { path: PropertyKey[]; message: string }[]): ConfigProblem[] {
  return issues.map((issue) => ({
    field: ["config", ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

/** Problems with a scorer as written on a scenario, so the API can answer 422 before any run. */
export function validateScorerConfig(spec: ScorerSpec): ConfigProblem[] {
  const scorer = lookup(spec.type);
  if (!scorer) {
    return [
      { field: "type", message: `unknown scorer type; expected one of ${scorerTypes.join(", ")}` },
    ];
  }
  const problems: ConfigProblem[] = [];
  if (spec.threshold !== undefined && !(spec.threshold >= 0 && spec.threshold <= 1)) {
    problems.push({ field: "threshold", message: "threshold must be between 0 and 1" });
  }
  const parsed = scorer.configSchema.safeParse(spec.config ?? {});
  if (!parsed.success) return [...problems, ...issuesToProblems(parsed.error.issues)];
  return [...problems, ...(scorer.checkConfig?.(parsed.data) ?? [])];
}

/** Never let a project's secret reach a reason or a scorer output (reports can be shared). */
function redactSecrets(verdict: ScorerVerdict, secrets: Record<string, string>): ScorerVerdict {
  const values = Object.values(secrets).filter((value) => value.length >= MIN_REDACTED_LENGTH);
  if (values.length === 0) return verdict;
  const scrub = (text: string, forms: string[]) =>
    forms.reduce((acc, form) => acc.split(form).join("[redacted]"), text);
  const jsonForms = values.map((value) => JSON.stringify(value).slice(1, -1));
  const outputJson = JSON.stringify(verdict.scorerOutput) ?? "{}";
  let scorerOutput = verdict.scorerOutput;
  if (jsonForms.some((form) => outputJson.includes(form))) {
    try {
      scorerOutput = JSON.parse(scrub(outputJson, jsonForms)) as Record<string, unknown>;
    } catch {
      scorerOutput = { redacted: true };
    }
  }
  return { ...verdict, reason: scrub(verdict.reason, values), scorerOutput };
}

async function judge(spec: ScorerSpec, ctx: ScorerContext): Promise<ScorerVerdict> {
  const scorer = lookup(spec.type);
  if (!scorer)
    return errorVerdict("unknown_scorer", `Unknown scorer type ${JSON.stringify(spec.type)}.`);
  const parsed = scorer.configSchema.safeParse(spec.config ?? {});
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.error.issues)
      .map((problem) => `${problem.field}: ${problem.message}`)
      .join("; ");
    return errorVerdict("invalid_scorer_config", `Invalid ${spec.type} config: ${problems}.`);
  }
  try {
    return await scorer.score(parsed.data, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return errorVerdict(
      "scorer_exception",
      `The ${spec.type} scorer failed: ${message.slice(0, 300)}`,
    );
  }
}

/** Run one scorer on one run's output; never throws. */
export async function runScorer(spec: ScorerSpec, ctx: ScorerContext): Promise<ScorerResult> {
  const startedAt = performance.now();
  const verdict = redactSecrets(await judge(spec, ctx), ctx.secrets);
  const threshold = spec.threshold ?? DEFAULT_THRESHOLD;
  const score = Number.isFinite(verdict.score) ? Math.min(1, Math.max(0, verdict.score)) : 0;
  return {
    ...verdict,
    score,
    passed: !verdict.error && score >= threshold,
    threshold,
    durationMs: Math.round(performance.now() - startedAt),
    name: spec.name ?? spec.type,
  };
}
