import { RE2JS } from "re2js";
import { z } from "zod";
import { errorVerdict, preview, type ConfigChecker, type ConfigProblem } from "./shared";
import type { Scorer } from "./types";

const configSchema = z
  .object({
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[ims]*$/, "flags may only contain i, m and s")
      .default(""),
    should_match: z.boolean().default(true),
  })
  .strict();

export type RegexConfig = z.output<typeof configSchema>;

/** What re2js's exec returns: a RegExpExecArray look-alike (unmatched groups are undefined). */
type RegexMatch = (string | undefined)[] & { groups?: Record<string, string | undefined> };

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

/** Compiled programs by flags + pattern, least recently used evicted first: compiling costs ~0.1 ms. */
const compiled = new Map<string, RE2JS>();
const MAX_COMPILED = 500;

/** Compile with RE2 (linear time): a user's pattern can never backtrack catastrophically. */
export function compileRe2(pattern: string, flags = ""): RE2JS {
  let bits = 0;
  for (const flag of flags) bits |= FLAG_BITS[flag] ?? 0;
  const key = `${bits}/${pattern}`;
  let re = compiled.get(key);
  if (re) {
    compiled.delete(key);
  } else {
    re = RE2JS.compile(pattern, bits); // throws on an invalid pattern: nothing cached
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  }
  compiled.set(key, re);
  return re;
}

function compileError(config: RegexConfig): string | null {
  try {
    compileRe2(config.pattern, config.flags);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The output matches (or, with should_match false, does not match) a regular expression. */
export const regexScorer: Scorer<RegexConfig> & ConfigChecker<RegexConfig> = {
  type: "regex",
  configSchema,
  checkConfig(config): ConfigProblem[] {
    const message = compileError(config);
    return message ? [{ field: "config.pattern", message }] : [];
  },
  async score(config, ctx) {
    let re: RE2JS;
    try {
      re = compileRe2(config.pattern, config.flags);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return errorVerdict("invalid_regex", `Invalid regular expression: ${message}.`);
    }
    const match: RegexMatch | null = re.exec(ctx.outputText);
    const matched = match !== null;
    const matchGroups = match
      ? match.slice(1).map((group) => (group === undefined ? null : group))
      : [];
    const namedGroups: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(match?.groups ?? {}))
      namedGroups[name] = value ?? null;

    const passed = matched === config.should_match;
    const shown = `/${config.pattern}/${config.flags}`;
    let reason: string;
    if (matched) {
      reason = passed
        ? `Output matches ${shown} at ${preview(match[0] ?? "", 60)}.`
        : `Output matches ${shown} at ${preview(match[0] ?? "", 60)}, but it should not.`;
    } else {
      reason = passed
        ? `Output does not match ${shown}, as required.`
        : `Output does not match ${shown}.`;
    }
    return {
      score: passed ? 1 : 0,
      reason,
      scorerOutput: {
        pattern: config.pattern,
        flags: config.flags,
        should_match: config.should_match,
        matched,
        match_groups: matchGroups,
        named_groups: namedGroups,
      },
    };
  },
};
