import { z } from "zod";
import { evaluateJsonPath, JsonPathError, parseJsonPath } from "./json-path";
import { deepEqual, isRecord, outputAsJson, preview } from "./shared";
import type { Scorer } from "./types";

const configSchema = z
  .object({
    path: z.string().min(1),
    equals: z.unknown().optional(),
    contains: z.unknown().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    try {
      parseJsonPath(config.path);
    } catch (error) {
      if (!(error instanceof JsonPathError)) throw error;
      ctx.addIssue({ code: "custom", path: ["path"], message: error.message });
    }
    const given = [config.equals, config.contains].filter((value) => value !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: "custom", path: [], message: "give exactly one of equals or contains" });
    }
  });

export type JsonPathConfig = z.output<typeof configSchema>;

/** `actual` contains `expected`: a substring, an array element, or a subset of an object's fields. */
function containsValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "string") return typeof expected === "string" && actual.includes(expected);
  if (Array.isArray(actual)) return actual.some((item) => deepEqual(item, expected));
  if (isRecord(actual) && isRecord(expected)) {
    return Object.entries(expected).every(
      ([key, value]) => Object.hasOwn(actual, key) && deepEqual(actual[key], value),
    );
  }
  return false;
}

/** The value at a JSONPath in the (JSON) output equals or contains the expected value. */
export const jsonPathScorer: Scorer<JsonPathConfig> = {
  type: "json_path",
  configSchema,
  async score(config, ctx) {
    const mode = config.equals !== undefined ? "equals" : "contains";
    const expected = mode === "equals" ? config.equals : config.contains;
    const parsed = outputAsJson(ctx.output);
    if (!parsed.ok) {
      return {
        score: 0,
        reason: "Output is not valid JSON.",
        scorerOutput: { path: config.path, expected, actual: null, found: false },
      };
    }
    const { found, value } = evaluateJsonPath(parsed.value, config.path);
    const scorerOutput = { path: config.path, expected, actual: found ? value : null, found };
    if (!found) {
      return { score: 0, reason: `${config.path} is not in the output.`, scorerOutput };
    }
    const passed = mode === "equals" ? deepEqual(value, expected) : containsValue(value, expected);
    let reason: string;
    if (mode === "equals") {
      reason = passed
        ? `${config.path} equals ${preview(expected)}.`
        : `${config.path} is ${preview(value)}, expected ${preview(expected)}.`;
    } else {
      reason = passed
        ? `${config.path} contains ${preview(expected)}.`
        : `${config.path} (${preview(value)}) does not contain ${preview(expected)}.`;
    }
    return { score: passed ? 1 : 0, reason, scorerOutput };
  },
};
