import { z } from "zod";
import { plural } from "./shared";
import type { Scorer } from "./types";

const configSchema = z
  .object({
    values: z.array(z.string().min(1, "values must not be empty strings")).min(1),
    mode: z.enum(["all", "any", "none"]).default("all"),
    case_sensitive: z.boolean().default(false),
  })
  .strict();

export type ContainsConfig = z.output<typeof configSchema>;

const quoteList = (values: string[]) => values.map((value) => JSON.stringify(value)).join(", ");

/** The output contains all, any or none of the given substrings. */
export const containsScorer: Scorer<ContainsConfig> = {
  type: "contains",
  configSchema,
  async score(config, ctx) {
    const haystack = config.case_sensitive ? ctx.outputText : ctx.outputText.toLowerCase();
    const matches = config.values.map((value) => ({
      value,
      found: haystack.includes(config.case_sensitive ? value : value.toLowerCase()),
    }));
    const found = matches.filter((match) => match.found).map((match) => match.value);
    const missing = matches.filter((match) => !match.found).map((match) => match.value);
    const total = matches.length;

    let score: number;
    let reason: string;
    if (config.mode === "all") {
      score = found.length / total;
      reason =
        missing.length === 0
          ? `All ${plural(total, "value")} found.`
          : `${found.length} of ${plural(total, "value")} found; missing: ${quoteList(missing)}.`;
    } else if (config.mode === "any") {
      score = found.length > 0 ? 1 : 0;
      reason =
        found.length > 0
          ? `${found.length} of ${plural(total, "value")} found: ${quoteList(found)}.`
          : `None of the ${plural(total, "value")} found.`;
    } else {
      score = found.length === 0 ? 1 : 0;
      reason =
        found.length === 0
          ? `None of the ${plural(total, "forbidden value")} found.`
          : `Found ${plural(found.length, "forbidden value")}: ${quoteList(found)}.`;
    }
    return {
      score,
      reason,
      scorerOutput: { mode: config.mode, matches, found_count: found.length, total },
    };
  },
};
