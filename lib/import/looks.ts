/** Helpers shared by the readers and writers: what a cell means, and when text can stand for a value. */

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A JSON object or array written in a cell, else null. */
export function parseJsonContainer(cell: string): object | null {
  const text = cell.trim();
  if (!(text.startsWith("{") || text.startsWith("["))) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null ? value : null;
  } catch {
    return null;
  }
}

/** A cell's value: a JSON object or array when it is one, else the text itself. */
export const looseValue = (cell: string): unknown => parseJsonContainer(cell) ?? cell;

/**
 * How `looseValue` can give `value` back: the text to write, or null when it cannot (numbers,
 * booleans, null, empty strings and strings that read as JSON need the `_json` column).
 */
export function looseText(value: unknown): string | null {
  if (typeof value === "string") {
    return value.trim() !== "" && parseJsonContainer(value) === null ? value : null;
  }
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return null;
}

/** UTF-8 size of a JSON value as stored. */
export function jsonBytes(value: unknown): number {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text);
}

/**
 * Cheap first check before `jsonBytes`: false when the value's JSON cannot reach `limit` (at most 6
 * bytes per UTF-16 unit, for escaped control characters, plus some syntax per node). Stops early.
 */
export function mayExceed(value: unknown, limit: number): boolean {
  let budget = Math.floor(limit / 6);
  const walk = (node: unknown): boolean => {
    if (typeof node === "string") budget -= node.length + 2;
    else if (Array.isArray(node)) {
      budget -= 2;
      for (const item of node) if (walk(item)) return true;
    } else if (typeof node === "object" && node !== null) {
      budget -= 2;
      for (const [key, item] of Object.entries(node)) {
        budget -= key.length + 4;
        if (walk(item)) return true;
      }
    } else budget -= 24; // numbers, booleans, null
    return budget < 0;
  };
  return walk(value);
}

/** Line and column of a character offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** "Unexpected token ... at position 42" → the offset, when the engine reports one. */
export function jsonErrorOffset(error: unknown): number | null {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : "");
  return match ? Number(match[1]) : null;
}

export const jsonErrorMessage = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/^JSON\.parse: /, "");
