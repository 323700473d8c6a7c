import { z } from "zod";
import { asText, errorVerdict } from "./shared";
import type { Scorer } from "./types";

const configSchema = z
  .object({
    expected: z.unknown().optional(),
    method: z.enum(["levenshtein", "token_f1"]).default("levenshtein"),
  })
  .strict();

export type SimilarityConfig = z.output<typeof configSchema>;

/** Edit distance is O(n·m): inputs beyond this many characters are cut before comparing. */
export const MAX_SIMILARITY_CHARS = 10_000;

function codePoints(text: string): Int32Array {
  return Int32Array.from(Array.from(text), (char) => char.codePointAt(0) ?? 0);
}

/** 1 − edit distance / longer length, over code points, in O(n·m) time and O(m) memory. */
export function levenshteinSimilarity(a: string, b: string): number {
  const left = codePoints(a);
  const right = codePoints(b);
  const longest = Math.max(left.length, right.length);
  if (longest === 0) return 1;
  // A shared prefix and suffix cost nothing: trim them so near-identical texts are cheap.
  let start = 0;
  while (start < left.length && start < right.length && left[start] === right[start]) start++;
  let endLeft = left.length;
  let endRight = right.length;
  while (endLeft > start && endRight > start && left[endLeft - 1] === right[endRight - 1]) {
    endLeft--;
    endRight--;
  }
  const x = left.subarray(start, endLeft);
  const y = right.subarray(start, endRight);
  let previous = new Uint32Array(y.length + 1);
  let current = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const char = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      let best = previous[j - 1] + (char === y[j - 1] ? 0 : 1);
      const deletion = previous[j] + 1;
      const insertion = current[j - 1] + 1;
      if (deletion < best) best = deletion;
      if (insertion < best) best = insertion;
      current[j] = best;
    }
    [previous, current] = [current, previous];
  }
  return 1 - previous[y.length] / longest;
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** F1 of the overlap between lowercase word tokens (each token counted as often as it occurs). */
export function tokenF1(a: string, b: string): number {
  const left = tokens(a);
  const right = tokens(b);
  if (left.length === 0 && right.length === 0) return 1;
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const token of right) counts.set(token, (counts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of left) {
    const count = counts.get(token) ?? 0;
    if (count > 0) {
      overlap++;
      counts.set(token, count - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / left.length;
  const recall = overlap / right.length;
  return (2 * precision * recall) / (precision + recall);
}

/** How close the output is to the expected text, from 0 (unrelated) to 1 (identical). */
export const similarityScorer: Scorer<SimilarityConfig> = {
  type: "similarity",
  configSchema,
  async score(config, ctx) {
    const expectedValue = config.expected !== undefined ? config.expected : ctx.expectedOutput;
    if (expectedValue === undefined) {
      return errorVerdict(
        "invalid_scorer_config",
        "similarity needs config.expected or the scenario's expected_output.",
      );
    }
    const expected = asText(expectedValue);
    let actual = ctx.outputText;
    let reference = expected;
    let note = "";
    if (config.method === "levenshtein") {
      const actualPoints = Array.from(actual);
      const referencePoints = Array.from(reference);
      if (
        actualPoints.length > MAX_SIMILARITY_CHARS ||
        referencePoints.length > MAX_SIMILARITY_CHARS
      ) {
        actual = actualPoints.slice(0, MAX_SIMILARITY_CHARS).join("");
        reference = referencePoints.slice(0, MAX_SIMILARITY_CHARS).join("");
        note = ` (compared the first ${MAX_SIMILARITY_CHARS.toLocaleString("en-US")} characters only)`;
      }
    }
    const raw =
      config.method === "levenshtein"
        ? levenshteinSimilarity(actual, reference)
        : tokenF1(actual, reference);
    // Floor, so only identical texts ever reach 1 (the default threshold).
    const value = Math.floor(raw * 10_000) / 10_000;
    const label = config.method === "levenshtein" ? "Edit-distance similarity" : "Token F1";
    return {
      score: value,
      reason: `${label} to the expected text is ${value.toFixed(2)}${note}.`,
      scorerOutput: { method: config.method, value, expected: expectedValue },
    };
  },
};
