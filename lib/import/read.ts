import { decodeLossy, decodeUtf8, type EncodingProblem } from "./decode";
import { detectFormat, type DetectedFormat } from "./detect";
import { fileError } from "./errors";
import { readCsv } from "./from-csv";
import { readJsonArray, readJsonl } from "./from-jsonl";
import { readPromptfoo } from "./from-promptfoo";
import { readWorkload } from "./from-workload";
import type { ImportFormat, ReadOptions, ReadResult, Upload } from "./types";

function readAs(
  format: DetectedFormat,
  text: string,
  parsed: unknown,
  options: ReadOptions,
): ReadResult {
  switch (format) {
    case "csv":
      return readCsv(text, options);
    case "jsonl":
      return readJsonl(text);
    case "json":
      return readJsonArray(text);
    case "promptfoo":
      return readPromptfoo(text, options);
    case "workload":
      return readWorkload(text, parsed);
  }
}

/** Decode, detect the format and read every row (not validated yet). */
export function readUpload(
  upload: Upload,
  explicit: ImportFormat | undefined,
  options: ReadOptions,
): { format: DetectedFormat; result: ReadResult } {
  const decoded = decodeUtf8(upload.bytes);
  if ("problem" in decoded) throw encodingError(decoded.problem, upload, explicit);
  const { format, parsed } = detectFormat({
    explicit,
    contentType: upload.contentType,
    filename: upload.filename,
    text: decoded.text,
  });
  const result = readAs(format, decoded.text, parsed, options);
  if (result.drafts.length === 0) throw fileError("The file has no scenarios");
  return { format, result };
}

/**
 * Name the row (and field) that holds the first byte that is not UTF-8: read the file again with
 * replacement characters, and find the row that starts at or before that line.
 */
function encodingError(problem: EncodingProblem, upload: Upload, explicit?: ImportFormat) {
  const hex = `0x${problem.byte.toString(16).toUpperCase().padStart(2, "0")}`;
  let row = 0;
  let field: string | undefined;
  try {
    const text = decodeLossy(upload.bytes);
    const { format } = detectFormat({
      explicit,
      contentType: upload.contentType,
      filename: upload.filename,
      text,
    });
    const { drafts } = readAs(format, text, undefined, { judge: null });
    const draft = drafts.filter((d) => d.line !== undefined && d.line <= problem.line).pop();
    if (draft) {
      row = draft.row;
      field = Object.keys(draft.scenario).find((key) =>
        JSON.stringify(draft.scenario[key] ?? null).includes("\uFFFD"),
      );
    }
  } catch {
    // the line alone still points at the problem
  }
  const where = row > 0 ? `Row ${row} (line ${problem.line})` : `Line ${problem.line}`;
  return fileError(
    `${where} is not valid UTF-8: byte ${hex} at column ${problem.column}${field ? ` in ${field}` : ""}. ` +
      'Save the file as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and upload it again.',
    { row, line: problem.line, field: field ?? "(encoding)", code: "invalid_encoding" },
  );
}
