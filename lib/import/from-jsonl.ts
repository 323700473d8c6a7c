import { fileError, rowError } from "./errors";
import { tooManyRows } from "./from-csv";
import { isRecord, jsonErrorMessage, jsonErrorOffset, positionOf } from "./looks";
import { MAX_IMPORT_ROWS, type Draft, type MappingEntry, type ReadResult } from "./types";

/** Fields of a scenario as the API returns it that an import ignores (it always creates new ones). */
const READ_ONLY_FIELDS = ["id", "created_at", "updated_at", "archived"];

const MAPPING: MappingEntry[] = [
  { source: "each line", target: "one scenario in the API's shape (POST /api/v1/scenarios)" },
  { source: READ_ONLY_FIELDS.join(", "), target: "ignored: an import always creates scenarios" },
];

function draftOf(value: unknown, row: number, line?: number): Draft {
  if (!isRecord(value)) {
    return {
      row,
      line,
      scenario: {},
      errors: [
        rowError(row, line, "(row)", "must be a JSON object (one scenario)", "invalid_type"),
      ],
    };
  }
  const scenario = { ...value };
  for (const field of READ_ONLY_FIELDS) delete scenario[field];
  return { row, line, scenario, errors: [] };
}

/** JSON Lines: one scenario object per line; blank lines are skipped. */
export function readJsonl(text: string): ReadResult {
  const drafts: Draft[] = [];
  let lineNumber = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNumber++;
    const lineText = text.slice(start, end).trim();
    start = end + 1;
    if (lineText === "") continue;
    const row = drafts.length + 1;
    if (row > MAX_IMPORT_ROWS) throw tooManyRows();
    try {
      drafts.push(draftOf(JSON.parse(lineText), row, lineNumber));
    } catch (error) {
      drafts.push({
        row,
        line: lineNumber,
        scenario: {},
        errors: [
          rowError(
            row,
            lineNumber,
            "(line)",
            `is not valid JSON: ${jsonErrorMessage(error)}`,
            "invalid_json",
          ),
        ],
      });
    }
  }
  if (drafts.length === 0) throw fileError("The file has no scenarios");
  return { drafts, mapping: MAPPING };
}

/** A JSON array of scenarios (or one scenario object): the same shape as JSONL. */
export function readJsonArray(text: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = jsonErrorOffset(error);
    throw fileError(`The file is not valid JSON: ${jsonErrorMessage(error)}`, {
      ...(offset !== null ? { line: positionOf(text, offset).line } : {}),
      code: "invalid_json",
    });
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length > MAX_IMPORT_ROWS) throw tooManyRows();
  if (items.length === 0) throw fileError("The file has no scenarios");
  return { drafts: items.map((item, i) => draftOf(item, i + 1)), mapping: MAPPING };
}
