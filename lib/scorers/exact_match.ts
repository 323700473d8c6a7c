import { z } from "zod";
import { asText, deepEqual, errorVerdict, outputAsJson, preview } from "./shared";
import type { Scorer } from "./types";

const configSchema = z
  .object({
    expected: z.unknown().optional(),
    case_sensitive: z.boolean().default(true),
    trim: z.boolean().default(true),
  })
  .strict();

export type ExactMatchConfig = z.output<typeof configSchema>;

/** The output equals the expected value: as text, or as JSON when an object is expected. */
export const exactMatchScorer: Scorer<ExactMatchConfig> = {
  type: "exact_match",
  configSchema,
  async score(config, ctx) {
    const expected = config.expected !== undefined ? config.expected : ctx.expectedOutput;
    if (expected === undefined) {
      return errorVerdict(
        "invalid_scorer_config",
        "exact_match needs config.expected or the scenario's expected_output.",
      );
    }
    const scorerOutput = { expected, actual: ctx.output, case_sensitive: config.case_sensitive };

    if (typeof expected === "object" && expected !== null) {
      const parsed = outputAsJson(ctx.output);
      if (parsed.ok) {
        const equal = deepEqual(parsed.value, expected);
        return {
          score: equal ? 1 : 0,
          reason: equal
            ? "Output equals the expected JSON value."
            : `Output differs from the expected JSON value: expected ${preview(expected)}, got ${preview(parsed.value)}.`,
          scorerOutput,
        };
      }
    }

    const normalise = (text: string) => {
      const trimmed = config.trim ? text.trim() : text;
      return config.case_sensitive ? trimmed : trimmed.toLowerCase();
    };
    const equal = normalise(ctx.outputText) === normalise(asText(expected));
    return {
      score: equal ? 1 : 0,
      reason: equal
        ? "Output matches the expected value."
        : `Output differs from the expected value: expected ${preview(expected)}, got ${preview(ctx.outputText)}.`,
      scorerOutput,
    };
  },
};
