import type { ScorerDraft } from "./csv-columns";
import { fileError, rowError } from "./errors";
import { tooManyRows } from "./from-csv";
import { isRecord, jsonErrorMessage, jsonErrorOffset, positionOf } from "./looks";
import {
  MAX_IMPORT_ROWS,
  type Draft,
  type MappingEntry,
  type ReadResult,
  type RowError,
  type WorkloadTarget,
} from "./types";

export const WORKLOAD_FORMAT = "evalbench-workload/v1";

const CASE_KEYS = new Set(["name", "input", "scorers", "expected_pass", "expected_output", "tags"]);

const MAPPING: MappingEntry[] = [
  {
    source: "target",
    target: "an http target (reused when one with the same name and config exists)",
  },
  { source: "cases[].name, input", target: "name, input" },
  { source: "contains {value}", target: "contains {values: [value], case_sensitive: true}" },
  { source: "regex {pattern, flags}", target: "regex {pattern, flags (i, m, s)}" },
  { source: "json_schema {schema}", target: "json_schema {schema}" },
  { source: "exact_match {expected | value}", target: "exact_match {expected}" },
  { source: "expected_pass", target: "ignored (what the benchmark expects, not a check)" },
];

function mapScorer(raw: unknown): ScorerDraft | string {
  if (!isRecord(raw)) return "must be an object with a type";
  switch (raw.type) {
    case "contains": {
      const values = raw.values ?? (raw.value === undefined ? undefined : [raw.value]);
      if (!Array.isArray(values) || !values.every((v) => typeof v === "string" && v !== "")) {
        return "contains needs value (a non-empty string) or values";
      }
      return { type: "contains", config: { values, case_sensitive: true } };
    }
    case "regex": {
      if (typeof raw.pattern !== "string") return "regex needs pattern";
      // JavaScript-only flags (g, u, y, d) do not change whether a pattern matches.
      const flags = typeof raw.flags === "string" ? raw.flags.replace(/[^ims]/g, "") : "";
      return {
        type: "regex",
        config: flags ? { pattern: raw.pattern, flags } : { pattern: raw.pattern },
      };
    }
    case "json_schema":
      return raw.schema === undefined
        ? "json_schema needs schema"
        : { type: "json_schema", config: { schema: raw.schema } };
    case "exact_match": {
      const expected = raw.expected ?? raw.value;
      return expected === undefined
        ? "exact_match needs expected"
        : { type: "exact_match", config: { expected } };
    }
    default:
      return `unsupported workload scorer type ${JSON.stringify(raw.type)}; expected contains, regex, json_schema or exact_match`;
  }
}

function readCase(raw: unknown, index: number): Draft {
  const row = index + 1;
  const errors: RowError[] = [];
  if (!isRecord(raw)) {
    errors.push(rowError(row, undefined, "(case)", "must be an object", "invalid_type"));
    return { row, scenario: {}, errors };
  }
  for (const key of Object.keys(raw)) {
    if (!CASE_KEYS.has(key)) {
      errors.push(rowError(row, undefined, key, `Unknown field "${key}"`, "unknown_field"));
    }
  }
  const scorers: ScorerDraft[] = [];
  const sources: string[] = [];
  if (!Array.isArray(raw.scorers)) {
    errors.push(rowError(row, undefined, "scorers", "must be a list of scorers", "invalid_type"));
  } else {
    raw.scorers.forEach((spec, i) => {
      const mapped = mapScorer(spec);
      if (typeof mapped === "string") {
        errors.push(rowError(row, undefined, `scorers[${i}]`, mapped, "unsupported"));
      } else {
        scorers.push(mapped);
        sources.push(`scorers[${i}]`);
      }
    });
  }
  const scenario: Record<string, unknown> = { name: raw.name, input: raw.input, scorers };
  if (raw.expected_output !== undefined) scenario.expected_output = raw.expected_output;
  if (raw.tags !== undefined) scenario.tags = raw.tags;
  return { row, scenario, scorerSources: sources, errors };
}

function readTarget(raw: unknown): WorkloadTarget | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw) || typeof raw.url !== "string") {
    throw fileError("target must be an object with a url", { field: "target" });
  }
  let host = raw.url;
  try {
    host = new URL(raw.url).host;
  } catch {
    // validated with the target's own schema later
  }
  const path =
    typeof raw.output_path === "string" && raw.output_path !== "" ? raw.output_path : "output";
  return {
    name: `Workload target ${host}`.slice(0, 200),
    config: {
      url: raw.url,
      method: typeof raw.method === "string" ? raw.method.toUpperCase() : "POST",
      ...(raw.body !== undefined ? { body_template: raw.body } : {}),
      output_path: path.startsWith("$") ? path : `$.${path}`,
    },
  };
}

/** The shared benchmark workload (../shared/peers/README.md): cases plus the target to call. */
export function readWorkload(text: string, parsed?: unknown): ReadResult {
  let value = parsed;
  if (value === undefined) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      const offset = jsonErrorOffset(error);
      throw fileError(`The workload is not valid JSON: ${jsonErrorMessage(error)}`, {
        ...(offset !== null ? { line: positionOf(text, offset).line } : {}),
        code: "invalid_json",
      });
    }
  }
  if (!isRecord(value) || value.format !== WORKLOAD_FORMAT) {
    throw fileError(`A workload file needs "format": "${WORKLOAD_FORMAT}"`, { field: "format" });
  }
  if (!Array.isArray(value.cases) || value.cases.length === 0) {
    throw fileError("The workload has no cases", { field: "cases" });
  }
  if (value.cases.length > MAX_IMPORT_ROWS) throw tooManyRows();
  return {
    drafts: value.cases.map(readCase),
    mapping: MAPPING,
    target: readTarget(value.target),
  };
}
