import type { ScorerSpec } from "@/lib/scorers/types";
import { joinList, splitList } from "./csv";
import { looseText, looseValue } from "./looks";
import type { JudgeProvider } from "./types";

/** A scorer as the API takes it; the defaults (threshold 1, applies_to "final") are left out. */
export type ScorerDraft = {
  type: string;
  name?: string;
  threshold?: number;
  config: Record<string, unknown>;
};

/**
 * A CSV column that adds one scorer per non-empty cell. `write` is the inverse of `read` for the
 * scorers it can represent exactly, and null for anything else (those rows export `scorers_json`).
 */
export type ScorerColumn = {
  column: string;
  describe: string;
  read(cell: string, judge: JudgeProvider | null): ScorerDraft | string;
  write(spec: ScorerSpec): string | null;
};

/** No name, final reply only, default threshold: what a CSV cell can say. */
const plain = (spec: ScorerSpec, type: string, anyThreshold = false) =>
  spec.type === type &&
  spec.name === undefined &&
  (spec.applies_to ?? "final") === "final" &&
  (anyThreshold || (spec.threshold ?? 1) === 1);

const onlyKeys = (config: Record<string, unknown>, keys: string[]) =>
  Object.keys(config).every((key) => keys.includes(key));

/** Values a `|` list gives back unchanged: trimmed, non-empty strings. */
const listable = (values: unknown): values is string[] =>
  Array.isArray(values) &&
  values.length > 0 &&
  values.every((value) => typeof value === "string" && value !== "" && value.trim() === value);

function containsColumn(column: string, mode: "any" | "none" | undefined, describe: string) {
  return {
    column,
    describe,
    read(cell) {
      const values = splitList(cell);
      if (values.length === 0) return "needs at least one value (separate several with |)";
      return { type: "contains", config: mode ? { values, mode } : { values } };
    },
    write(spec) {
      const { values, ...rest } = spec.config;
      if (!plain(spec, "contains") || !onlyKeys(rest, ["mode"]) || rest.mode !== mode) return null;
      return listable(values) ? joinList(values) : null;
    },
  } satisfies ScorerColumn;
}

function numberCell(cell: string): number | null {
  const text = cell.trim();
  const value = Number(text);
  return text !== "" && Number.isFinite(value) ? value : null;
}

/** In header order these become the scenario's scorers; export writes them in this order. */
export const SCORER_COLUMNS: ScorerColumn[] = [
  containsColumn("contains", undefined, "contains: output has all of the |-separated values"),
  containsColumn("contains_any", "any", "contains (mode any): output has one of the values"),
  containsColumn("not_contains", "none", "contains (mode none): output has none of the values"),
  {
    column: "regex",
    describe: "regex: output matches the pattern (the whole cell; | is alternation)",
    read: (cell) => ({ type: "regex", config: { pattern: cell } }),
    write(spec) {
      const pattern = spec.config.pattern;
      if (!plain(spec, "regex") || !onlyKeys(spec.config, ["pattern"])) return null;
      return typeof pattern === "string" && pattern.trim() !== "" ? pattern : null;
    },
  },
  {
    column: "json_schema",
    describe: "json_schema: output is JSON valid against the schema in the cell",
    read(cell) {
      try {
        const schema = JSON.parse(cell) as unknown;
        if (typeof schema === "boolean" || (typeof schema === "object" && schema !== null)) {
          if (!Array.isArray(schema)) return { type: "json_schema", config: { schema } };
        }
        return "must be a JSON Schema object";
      } catch (error) {
        return `is not valid JSON: ${(error as Error).message}`;
      }
    },
    write(spec) {
      if (!plain(spec, "json_schema") || !onlyKeys(spec.config, ["schema"])) return null;
      return spec.config.schema === undefined ? null : JSON.stringify(spec.config.schema);
    },
  },
  {
    column: "exact_match",
    describe: "exact_match: output equals the cell (empty: equals expected_output)",
    read: (cell) => ({ type: "exact_match", config: { expected: looseValue(cell) } }),
    write(spec) {
      if (!plain(spec, "exact_match") || !onlyKeys(spec.config, ["expected"])) return null;
      return spec.config.expected === undefined ? "" : looseText(spec.config.expected);
    },
  },
  {
    column: "similarity",
    describe: "similarity to expected_output, the cell is the threshold (0–1)",
    read(cell) {
      const threshold = numberCell(cell);
      if (threshold === null || threshold < 0 || threshold > 1) {
        return "must be a threshold between 0 and 1";
      }
      return { type: "similarity", threshold, config: {} };
    },
    write(spec) {
      if (!plain(spec, "similarity", true) || Object.keys(spec.config).length > 0) return null;
      return String(spec.threshold ?? 1);
    },
  },
  {
    column: "latency_ms",
    describe: "latency: answered within the cell's milliseconds",
    read(cell) {
      const maxMs = numberCell(cell);
      if (maxMs === null || maxMs <= 0) return "must be a number of milliseconds above 0";
      return { type: "latency", config: { max_ms: maxMs } };
    },
    write(spec) {
      if (!plain(spec, "latency") || !onlyKeys(spec.config, ["max_ms"])) return null;
      return typeof spec.config.max_ms === "number" ? String(spec.config.max_ms) : null;
    },
  },
  {
    column: "javascript",
    describe: "javascript: the cell is the scorer's source",
    read: (cell) => ({ type: "javascript", config: { source: cell } }),
    write(spec) {
      const source = spec.config.source;
      if (!plain(spec, "javascript") || !onlyKeys(spec.config, ["source"])) return null;
      return typeof source === "string" && source.trim() !== "" ? source : null;
    },
  },
  {
    column: "llm_judge",
    describe: "llm_judge: |-separated criteria, judged by the provider in the query",
    read(cell, judge) {
      if (!judge) return JUDGE_NEEDED;
      const criteria = splitList(cell);
      if (criteria.length === 0) return "needs at least one criterion (separate several with |)";
      return { type: "llm_judge", config: { criteria, provider: judge } };
    },
    // The provider is not a column: llm_judge scorers export in scorers_json.
    write: () => null,
  },
];

export const JUDGE_NEEDED =
  "needs a judge provider: pass judge_base_url, judge_model and judge_key_secret in the query";

export const scorerColumnByName = new Map(SCORER_COLUMNS.map((c) => [c.column, c]));

/** Plain (non-scorer) columns, in the order export writes them. */
export const FIELD_COLUMNS = [
  "name",
  "description",
  "tags",
  "input",
  "input_json",
  "expected_output",
  "expected_output_json",
  "turns",
  "turns_json",
  "simulation_json",
] as const;
export type FieldColumn = (typeof FIELD_COLUMNS)[number];

export const FIELD_DESCRIPTIONS: Record<FieldColumn | "scorers_json", string> = {
  name: "name (required)",
  description: "description",
  tags: "tags (|-separated)",
  input: "input (a JSON object or array when the cell is one, else the text)",
  input_json: "input (any JSON value)",
  expected_output: "expected_output (JSON object or array, else text)",
  expected_output_json: "expected_output (any JSON value)",
  turns: "turns (|-separated user messages)",
  turns_json: "turns (JSON array of strings)",
  simulation_json: "simulation (JSON object)",
  scorers_json: "scorers (JSON array in the API's shape), before the scorer columns",
};

/** Spreadsheet headers are forgiving: case, spaces and dashes do not matter; a few aliases. */
export function normaliseHeader(header: string): string {
  const trimmed = header.trim();
  if (/^input\./i.test(trimmed)) return `input.${trimmed.slice(6).trim()}`;
  const key = trimmed.toLowerCase().replace(/[\s-]+/g, "_");
  return HEADER_ALIASES[key] ?? key;
}

const HEADER_ALIASES: Record<string, string> = {
  contains_all: "contains",
  expected: "expected_output",
  latency: "latency_ms",
};
