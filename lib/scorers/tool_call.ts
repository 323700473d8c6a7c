import { z } from "zod";
import { deepEqual, isRecord, outputAsJson, parseJsonText, preview } from "./shared";
import type { Scorer, ScorerContext } from "./types";

const configSchema = z
  .object({
    name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type ToolCallConfig = z.output<typeof configSchema>;

export type ToolCall = { name: string; arguments: unknown };
type Check = { check: string; passed: boolean; detail: string };

/** `arguments` arrive as a JSON string in OpenAI's shape; unparsable text is kept as it is. */
function parseArguments(raw: unknown): unknown {
  if (typeof raw !== "string") return raw ?? {};
  const parsed = parseJsonText(raw);
  return parsed.ok ? parsed.value : raw;
}

/** Tool calls in an OpenAI message (`tool_calls`) or response (`choices[0].message.tool_calls`). */
export function extractToolCalls(output: unknown): ToolCall[] {
  const parsed = outputAsJson(output);
  if (!parsed.ok || !isRecord(parsed.value)) return [];
  const root = parsed.value;
  const choices = Array.isArray(root.choices) ? root.choices : [];
  const message = isRecord(choices[0]) && isRecord(choices[0].message) ? choices[0].message : root;
  const rawCalls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const calls: ToolCall[] = [];
  for (const raw of rawCalls) {
    if (!isRecord(raw)) continue;
    const fn = isRecord(raw.function) ? raw.function : raw;
    if (typeof fn.name !== "string") continue;
    calls.push({ name: fn.name, arguments: parseArguments(fn.arguments) });
  }
  return calls;
}

function argumentChecks(expected: Record<string, unknown>, call: ToolCall | undefined): Check[] {
  const actual = call && isRecord(call.arguments) ? call.arguments : undefined;
  return Object.entries(expected).map(([key, value]) => {
    const check = `arguments.${key}`;
    if (!call) return { check, passed: false, detail: "the tool was not called" };
    if (!actual || !Object.hasOwn(actual, key)) {
      return { check, passed: false, detail: `argument ${key} is missing` };
    }
    const passed = deepEqual(actual[key], value);
    const detail = passed
      ? `${key} is ${preview(value, 60)}`
      : `${key} is ${preview(actual[key], 60)}, expected ${preview(value, 60)}`;
    return { check, passed, detail };
  });
}

function actualCalls(ctx: ScorerContext): ToolCall[] {
  return ctx.toolCalls && ctx.toolCalls.length > 0 ? ctx.toolCalls : extractToolCalls(ctx.output);
}

/** The target called a tool by name, with (a subset of) the expected arguments. */
export const toolCallScorer: Scorer<ToolCallConfig> = {
  type: "tool_call",
  configSchema,
  async score(config, ctx) {
    const calls = actualCalls(ctx);
    const candidates = calls.filter((call) => call.name === config.name);
    const calledNames = calls.map((call) => call.name).join(", ") || "none";
    const nameCheck: Check = {
      check: "name",
      passed: candidates.length > 0,
      detail:
        candidates.length > 0
          ? `${config.name} was called`
          : `${config.name} was not called (calls: ${calledNames})`,
    };
    // Several calls of the same tool: judge the one that matches the expected arguments best.
    let argChecks = argumentChecks(config.arguments ?? {}, candidates[0]);
    for (const candidate of candidates.slice(1)) {
      const checks = argumentChecks(config.arguments ?? {}, candidate);
      const passedCount = (list: Check[]) => list.filter((check) => check.passed).length;
      if (passedCount(checks) > passedCount(argChecks)) argChecks = checks;
    }
    const checks = [nameCheck, ...argChecks];
    const passed = checks.filter((check) => check.passed).length;
    const failed = checks.filter((check) => !check.passed);
    const reason =
      failed.length === 0
        ? `${config.name} was called with the expected arguments.`
        : `${passed} of ${checks.length} checks passed: ${failed.map((check) => check.detail).join("; ")}.`;
    return {
      score: passed / checks.length,
      reason,
      scorerOutput: {
        expected: { name: config.name, arguments: config.arguments ?? null },
        actual: calls,
        checks,
      },
    };
  },
};
