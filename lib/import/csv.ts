/** RFC 4180 CSV: quoted fields, doubled quotes, embedded line breaks; CRLF or LF line ends. */

export type CsvRecord = {
  fields: string[];
  /** Physical line (1-based) where the record starts. */
  line: number;
  /** A quoting mistake inside this record (0-based column); its fields are then unreliable. */
  problem?: { column: number; message: string };
};

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly recordIndex: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** `,` unless the header line has none and uses tabs or semicolons (European spreadsheets). */
export function sniffDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const header = end === -1 ? text : text.slice(0, end);
  for (const candidate of [",", "\t", ";"]) if (header.includes(candidate)) return candidate;
  return ",";
}

const isBlank = (fields: string[]) => fields.every((field) => field.trim() === "");

/**
 * Parse records until the end or until `maxRecords` non-blank records were read (then `truncated`).
 * An unterminated quoted field swallows the rest of the file, so it throws; other quoting mistakes
 * only mark their record.
 */
export function parseCsv(
  text: string,
  { delimiter = ",", maxRecords = Infinity }: { delimiter?: string; maxRecords?: number } = {},
): { records: CsvRecord[]; truncated: boolean } {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const records: CsvRecord[] = [];
  let nonBlank = 0;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let problem: CsvRecord["problem"];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const fieldLine = line;
        let value = "";
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            throw new CsvSyntaxError(
              fieldLine,
              records.length,
              `Unterminated quoted field in column ${fields.length + 1} starting on line ${fieldLine}: ` +
                "a field that starts with a double quote must end with one, and quotes inside it must be doubled",
            );
          }
          line += lineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          i = q + 1;
          break;
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== delim && after !== LF && after !== CR) {
          problem ??= {
            column: fields.length,
            message:
              "Bad quoting: text follows the closing quote (quotes inside a quoted field must be doubled)",
          };
          while (i < n) {
            const c = text.charCodeAt(i);
            if (c === delim || c === LF || c === CR) break;
            i++;
          }
        }
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE)
            problem ??= {
              column: fields.length,
              message:
                "Bad quoting: a field with a double quote in it must be enclosed in double quotes, and the quote doubled",
            };
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push(problem ? { fields, line: start, problem } : { fields, line: start });
    if (!isBlank(fields) && ++nonBlank > maxRecords) return { records, truncated: true };
  }
  return { records, truncated: false };
}

function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || (c === CR && text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

export { isBlank as isBlankRecord };

/** One field, quoted when it has to be (or when spaces at its ends could be trimmed by a reader). */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const csvLine = (cells: string[]) => cells.map(csvCell).join(",");

/** `a|b` lists in one cell: `\|` is a literal bar and `\\` a backslash; other backslashes stay. */
export function splitList(cell: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i];
    if (c === "\\" && (cell[i + 1] === "|" || cell[i + 1] === "\\")) {
      current += cell[++i];
    } else if (c === "|") {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out.map((part) => part.trim()).filter((part) => part !== "");
}

export const joinList = (values: string[]) =>
  values.map((value) => value.replace(/[\\|]/g, (c) => `\\${c}`)).join("|");
