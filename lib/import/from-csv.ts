import { AppError } from "@/lib/errors";
import { CsvSyntaxError, isBlankRecord, parseCsv, sniffDelimiter, splitList } from "./csv";
import {
  FIELD_COLUMNS,
  FIELD_DESCRIPTIONS,
  SCORER_COLUMNS,
  normaliseHeader,
  scorerColumnByName,
  type FieldColumn,
  type ScorerColumn,
  type ScorerDraft,
} from "./csv-columns";
import { fileError, rowError } from "./errors";
import { looseValue } from "./looks";
import {
  MAX_CELL_BYTES,
  MAX_IMPORT_ROWS,
  type Draft,
  type MappingEntry,
  type ReadOptions,
  type ReadResult,
  type RowError,
} from "./types";

type Column =
  | { kind: "field"; header: string; field: FieldColumn | "scorers_json" }
  | { kind: "input"; header: string; path: string[] }
  | { kind: "scorer"; header: string; scorer: ScorerColumn }
  | { kind: "ignored"; header: string };

export const tooManyRows = () =>
  new AppError(
    "payload_too_large",
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows; split it into several imports`,
    { field: "(file)" },
  );

/** Columns by header; anything unknown is refused so a typo never drops a scorer silently. */
function resolveColumns(headers: string[]): Column[] {
  const seen = new Map<string, number>();
  const columns = headers.map((raw, index): Column => {
    const header = raw.trim();
    if (header === "" || header.startsWith("#")) return { kind: "ignored", header };
    const key = normaliseHeader(header);
    const previous = seen.get(key);
    if (previous !== undefined) {
      throw fileError(`Columns ${previous + 1} and ${index + 1} are both "${key}"`, {
        line: 1,
        field: header,
        code: "duplicate_column",
      });
    }
    seen.set(key, index);
    if (key.startsWith("input.")) {
      const path = key.slice(6).split(".");
      if (path.some((part) => part === "")) {
        throw fileError(`Column "${header}" needs a field name after "input."`, {
          line: 1,
          field: header,
          code: "unknown_column",
        });
      }
      return { kind: "input", header, path };
    }
    if ((FIELD_COLUMNS as readonly string[]).includes(key) || key === "scorers_json") {
      return { kind: "field", header, field: key as FieldColumn | "scorers_json" };
    }
    const scorer = scorerColumnByName.get(key);
    if (scorer) return { kind: "scorer", header, scorer };
    const known = [...FIELD_COLUMNS, "input.<field>", "scorers_json", ...scorerColumnByName.keys()];
    throw fileError(
      `Unknown column "${header}". Known columns: ${known.join(", ")}. Start a header with # to keep a column as a note.`,
      { line: 1, field: header, code: "unknown_column" },
    );
  });
  const has = (field: string) => columns.some((c) => c.kind === "field" && c.field === field);
  if (!has("name")) throw fileError('The header needs a "name" column', { line: 1, field: "name" });
  const inputFields = columns.some((c) => c.kind === "input");
  if (inputFields && (has("input") || has("input_json"))) {
    throw fileError(
      "Use either an input (or input_json) column or input.<field> columns, not both",
      {
        line: 1,
        field: "input",
      },
    );
  }
  if (!inputFields && !has("input") && !has("input_json")) {
    throw fileError("The header needs an input column (input, input_json or input.<field>)", {
      line: 1,
      field: "input",
    });
  }
  if (!columns.some((c) => c.kind === "scorer") && !has("scorers_json")) {
    throw fileError(
      `The header needs at least one scorer column (${SCORER_COLUMNS.map((c) => c.column).join(", ")}) or scorers_json`,
      { line: 1, field: "scorers" },
    );
  }
  return columns;
}

function mappingOf(columns: Column[]): MappingEntry[] {
  return columns.map((c) => ({
    source: c.header || "(blank header)",
    target:
      c.kind === "field"
        ? FIELD_DESCRIPTIONS[c.field]
        : c.kind === "input"
          ? `input.${c.path.join(".")} (text)`
          : c.kind === "scorer"
            ? `scorer ${c.scorer.describe}`
            : "ignored",
  }));
}

function parseJsonCell(cell: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(cell) as unknown };
  } catch (error) {
    return { error: `is not valid JSON: ${(error as Error).message}` };
  }
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** One data record → the scenario it describes (API request shape) and its problems. */
function readRow(
  columns: Column[],
  fields: string[],
  row: number,
  line: number,
  options: ReadOptions,
): Draft {
  const errors: RowError[] = [];
  const fail = (field: string, message: string, code?: string) =>
    errors.push(rowError(row, line, field, message, code));
  const cells = new Map<string, string>();
  const inputObject: Record<string, unknown> = {};
  let hasInputFields = false;
  columns.forEach((column, i) => {
    const cell = fields[i] ?? "";
    if (cell.length > MAX_CELL_BYTES / 4 && Buffer.byteLength(cell) > MAX_CELL_BYTES) {
      fail(
        column.header,
        `is ${megabytes(Buffer.byteLength(cell))}; a cell may hold at most 1 MB`,
        "too_big",
      );
      return;
    }
    if (column.kind === "field") cells.set(column.field, cell);
    if (column.kind === "input") {
      hasInputFields = true;
      if (cell !== "") setPath(inputObject, column.path, cell);
    }
  });
  if (errors.length > 0) return { row, line, scenario: {}, errors };

  const scenario: Record<string, unknown> = { name: cells.get("name") ?? "" };
  const text = (field: string) => cells.get(field) ?? "";
  const jsonField = (field: string, target: string, check?: (v: unknown) => string | null) => {
    if (text(field).trim() === "") return;
    const parsed = parseJsonCell(text(field));
    if ("error" in parsed) return fail(field, parsed.error, "invalid_json");
    const problem = check?.(parsed.value);
    if (problem) return fail(field, problem);
    scenario[target] = parsed.value;
  };

  if (text("description") !== "") scenario.description = text("description");
  if (cells.has("tags")) scenario.tags = splitList(text("tags"));
  if (hasInputFields) scenario.input = inputObject;
  else if (text("input_json").trim() !== "") {
    if (text("input") !== "") fail("input_json", "give input or input_json, not both");
    jsonField("input_json", "input");
  } else scenario.input = looseValue(text("input"));
  if (text("expected_output_json").trim() !== "") {
    if (text("expected_output") !== "") {
      fail("expected_output_json", "give expected_output or expected_output_json, not both");
    }
    jsonField("expected_output_json", "expected_output");
  } else if (text("expected_output") !== "") {
    scenario.expected_output = looseValue(text("expected_output"));
  }
  if (text("turns_json").trim() !== "") {
    if (text("turns").trim() !== "") fail("turns_json", "give turns or turns_json, not both");
    jsonField("turns_json", "turns", (v) =>
      Array.isArray(v) ? null : "must be a JSON array of strings",
    );
  } else if (text("turns").trim() !== "") scenario.turns = splitList(text("turns"));
  jsonField("simulation_json", "simulation");

  const scorers: ScorerDraft[] = [];
  const sources: string[] = [];
  const fromJson = text("scorers_json").trim() !== "";
  if (fromJson) {
    const parsed = parseJsonCell(text("scorers_json"));
    if ("error" in parsed) fail("scorers_json", parsed.error, "invalid_json");
    else if (!Array.isArray(parsed.value)) fail("scorers_json", "must be a JSON array of scorers");
    else
      parsed.value.forEach((spec, i) => {
        scorers.push(spec as ScorerDraft);
        sources.push(`scorers_json[${i}]`);
      });
  }
  columns.forEach((column, i) => {
    if (column.kind !== "scorer") return;
    const cell = fields[i] ?? "";
    let result: ScorerDraft | string | null = null;
    if (cell.trim() !== "") result = column.scorer.read(cell, options.judge);
    else if (column.scorer.column === "exact_match" && !fromJson && "expected_output" in scenario) {
      // An empty exact_match cell compares with the row's expected_output.
      result = { type: "exact_match", config: {} };
    }
    if (typeof result === "string") fail(column.header, result);
    else if (result) {
      scorers.push(result);
      sources.push(column.header);
    }
  });
  if (scorers.length === 0 && errors.length === 0) {
    fail("scorers", "needs at least one scorer: fill a scorer column or scorers_json", "required");
  }
  scenario.scorers = scorers;
  return { row, line, scenario, scorerSources: sources, errors };
}

function setPath(target: Record<string, unknown>, path: string[], value: string) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === "object" && next !== null ? next : (node[key] = {})) as Record<
      string,
      unknown
    >;
  }
  node[path[path.length - 1]] = value;
}

/** CSV with a header row: a column per field and per scorer (see docs/import.md). */
export function readCsv(text: string, options: ReadOptions): ReadResult {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text, { delimiter: sniffDelimiter(text), maxRecords: MAX_IMPORT_ROWS + 1 });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    // Record 0 is the header, so the record index is the data row number.
    throw fileError(error.message, {
      line: error.line,
      row: error.recordIndex,
      code: "bad_quoting",
    });
  }
  if (parsed.truncated) throw tooManyRows();
  const headerIndex = parsed.records.findIndex((r) => !isBlankRecord(r.fields));
  if (headerIndex === -1) throw fileError("The file is empty", { line: 1 });
  const header = parsed.records[headerIndex];
  if (header.problem) {
    throw fileError(header.problem.message, { line: header.line, code: "bad_quoting" });
  }
  const columns = resolveColumns(header.fields);
  const drafts: Draft[] = [];
  parsed.records.slice(headerIndex + 1).forEach((record, i) => {
    const row = i + 1;
    if (isBlankRecord(record.fields)) return;
    if (record.problem) {
      const field = columns[record.problem.column]?.header || `column ${record.problem.column + 1}`;
      drafts.push({
        row,
        line: record.line,
        scenario: {},
        errors: [rowError(row, record.line, field, record.problem.message, "bad_quoting")],
      });
      return;
    }
    const extra = record.fields.slice(columns.length);
    if (record.fields.length < columns.length || extra.some((cell) => cell.trim() !== "")) {
      drafts.push({
        row,
        line: record.line,
        scenario: {},
        errors: [
          rowError(
            row,
            record.line,
            "(row)",
            `has ${record.fields.length} fields but the header has ${columns.length} (a line break or quote inside an unquoted field?)`,
            "field_count",
          ),
        ],
      });
      return;
    }
    drafts.push(readRow(columns, record.fields, row, record.line, options));
  });
  return { drafts, mapping: mappingOf(columns) };
}
