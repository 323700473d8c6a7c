import type { ScorerVerdict } from "./types";

/** A problem with a scorer's config, named by its field (`config.pattern`). */
export type ConfigProblem = { field: string; message: string };

/** Checks a parsed config beyond its schema (a pattern or a JSON Schema that must compile). */
export type ConfigChecker<C> = { checkConfig(config: C): ConfigProblem[] };

/** A verdict for a scorer that could not judge: the run ends `error`, not `failed`. */
export function errorVerdict(
  code: string,
  reason: string,
  extra: Record<string, unknown> = {},
): ScorerVerdict {
  return { score: 0, reason, error: code, scorerOutput: { error: code, ...extra } };
}

/** Structural equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return typeof a === "number" && typeof b === "number" && a === b;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
}

export type JsonParse = { ok: true; value: unknown } | { ok: false };

/** Parse JSON text, also when a model wrapped it in a ``` fence. */
export function parseJsonText(text: string): JsonParse {
  const candidates = [text.trim()];
  const fenced = /^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?\s*```$/.exec(candidates[0]);
  if (fenced) candidates.push(fenced[1].trim());
  for (const candidate of candidates) {
    if (candidate === "") continue;
    try {
      return { ok: true, value: JSON.parse(candidate) as unknown };
    } catch {
      // try the next form
    }
  }
  return { ok: false };
}

/** A target's output as a JSON value: parsed when it is text, as-is when already structured. */
export function outputAsJson(output: unknown): JsonParse {
  if (typeof output === "string") return parseJsonText(output);
  if (output === undefined) return { ok: false };
  return { ok: true, value: output };
}

/** Text as the comparisons see it: strings as-is, anything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}

/** `text` cut at `max` characters, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A short quoted preview for reasons: `"Paris"`, cut at `max` characters. */
export function preview(value: unknown, max = 80): string {
  return JSON.stringify(clip(asText(value), max));
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
