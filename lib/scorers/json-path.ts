/**
 * A small JSONPath subset shared by the json_path scorer and the http target's `output_path`:
 * `$`, `.field`, `['field']` / `["field"]`, `[0]` and `[-1]` (from the end).
 */

export type JsonPathSegment = string | number;

export class JsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonPathError";
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*/;
const INDEX = /^\[\s*(-?\d+)\s*\]/;
const QUOTED = /^\[\s*(['"])((?:\\.|(?!\1)[^\\])*)\1\s*\]/;

/** Parse a path into segments; throws JsonPathError naming what is wrong. */
export function parseJsonPath(path: string): JsonPathSegment[] {
  const source = path.trim();
  if (!source.startsWith("$")) throw new JsonPathError(`path must start with "$": ${source}`);
  const segments: JsonPathSegment[] = [];
  let rest = source.slice(1);
  while (rest.length > 0) {
    if (rest.startsWith("..")) throw new JsonPathError("recursive descent (..) is not supported");
    if (rest.startsWith(".")) {
      const name = IDENTIFIER.exec(rest.slice(1));
      if (!name) throw new JsonPathError(`expected a field name after "." in ${source}`);
      segments.push(name[0]);
      rest = rest.slice(1 + name[0].length);
      continue;
    }
    const index = INDEX.exec(rest);
    if (index) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = QUOTED.exec(rest);
    if (quoted) {
      segments.push(unescape(quoted[2], quoted[1]));
      rest = rest.slice(quoted[0].length);
      continue;
    }
    if (rest.startsWith("[*]") || rest.startsWith(".*")) {
      throw new JsonPathError("wildcards are not supported");
    }
    throw new JsonPathError(`unexpected "${rest.slice(0, 10)}" in ${source}`);
  }
  return segments;
}

function unescape(body: string, quote: string): string {
  return body.replace(/\\(.)/g, (_, char: string) =>
    char === quote || char === "\\" ? char : `\\${char}`,
  );
}

/** Follow `path` into `value`. Only own properties are read, so `constructor` is never "found". */
export function evaluateJsonPath(
  value: unknown,
  path: string | JsonPathSegment[],
): { found: boolean; value: unknown } {
  const segments = typeof path === "string" ? parseJsonPath(path) : path;
  let current: unknown = value;
  for (const segment of segments) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      const index = segment < 0 ? current.length + segment : segment;
      if (index < 0 || index >= current.length) return { found: false, value: undefined };
      current = current[index];
    } else {
      if (typeof current !== "object" || current === null || Array.isArray(current)) {
        return { found: false, value: undefined };
      }
      if (!Object.hasOwn(current, segment)) return { found: false, value: undefined };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
