import { AppError, type ErrorCode } from "@/lib/errors";
import { MAX_LISTED_ERRORS, type RowError } from "./types";

/** A problem with the file as a whole (row 0): nothing in it can be imported. */
export function fileError(
  message: string,
  where: { line?: number; row?: number; field?: string; code?: string } = {},
  status: ErrorCode = "validation_failed",
): AppError {
  const error: RowError = {
    row: where.row ?? 0,
    ...(where.line !== undefined ? { line: where.line } : {}),
    field: where.field ?? "(file)",
    code: where.code ?? "invalid_file",
    message,
  };
  return new AppError(status, message, { field: error.field, errors: [error] });
}

/** 422 listing the rows that stopped an all-or-nothing import. */
export function rowsError(errors: RowError[], total: number): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  const first = errors[0];
  const where = first.row > 0 ? `row ${first.row}${first.line ? ` (line ${first.line})` : ""}` : "";
  const detail =
    `${rows.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} rows have errors; nothing was imported. ` +
    `First: ${where ? `${where}, ` : ""}${first.field}: ${first.message}` +
    (errors.length > MAX_LISTED_ERRORS
      ? ` (the first ${MAX_LISTED_ERRORS.toLocaleString("en-US")} of ${errors.length.toLocaleString("en-US")} errors are listed)`
      : "") +
    ". Fix them, or pass ?partial=true to import the valid rows.";
  return new AppError("validation_failed", detail, {
    field: first.field,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
  });
}

export const rowError = (
  row: number,
  line: number | undefined,
  field: string,
  message: string,
  code = "invalid_value",
): RowError => ({ row, ...(line !== undefined ? { line } : {}), field, code, message });
