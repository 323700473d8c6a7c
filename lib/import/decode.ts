import { fileError } from "./errors";

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lossy = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Where the first byte that is not UTF-8 sits, for the error message. */
export type EncodingProblem = { offset: number; byte: number; line: number; column: number };

/**
 * The file as text: UTF-8 with or without a byte-order mark. Anything else is refused (Latin-1 bytes
 * would otherwise turn into U+FFFD silently and end up in the scenarios).
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: EncodingProblem } {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    throw fileError(
      'The file is UTF-16; save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and upload it again.',
      { line: 1, code: "invalid_encoding" },
    );
  }
  try {
    return { text: stripBom(strict.decode(bytes)) };
  } catch {
    return { problem: locateInvalidUtf8(bytes) };
  }
}

/** Replacement characters for bad bytes: only used to find which row holds them. */
export const decodeLossy = (bytes: Uint8Array) => stripBom(lossy.decode(bytes));

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function locateInvalidUtf8(bytes: Uint8Array): EncodingProblem {
  const offset = Math.max(0, firstInvalidUtf8(bytes));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count characters, and the bytes before the bad one on its line are valid UTF-8.
  const column = lossy.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { offset, byte: bytes[offset] ?? 0, line, column };
}

/** Index of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) need = 2;
    else if (c >= 0xf0 && c <= 0xf4) need = 3;
    else return i;
    if (i + need >= n) return i; // cut short by the end of the file
    for (let k = 1; k <= need; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    const next = b[i + 1];
    if ((c === 0xe0 && next < 0xa0) || (c === 0xed && next > 0x9f)) return i;
    if ((c === 0xf0 && next < 0x90) || (c === 0xf4 && next > 0x8f)) return i;
    i += need + 1;
  }
  return -1;
}
