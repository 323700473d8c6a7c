import {
  evaluateJsonPath,
  JsonPathError,
  parseJsonPath,
  type JsonPathSegment,
} from "@/lib/scorers/json-path";
import { TargetError, type TargetResponse } from "./types";

export const DEFAULT_OUTPUT_PATH = "$.output";

type ToolCall = NonNullable<TargetResponse["toolCalls"]>[number];

// output_path is parsed once per distinct path, not once per response.
const parsedPaths = new Map<string, JsonPathSegment[]>();

function pathSegments(path: string): JsonPathSegment[] {
  let segments = parsedPaths.get(path);
  if (!segments) {
    try {
      segments = parseJsonPath(path);
    } catch (err) {
      if (!(err instanceof JsonPathError)) throw err;
      throw new TargetError("config_error", `invalid output_path: ${err.message}`);
    }
    if (parsedPaths.size >= 1000) parsedPaths.clear();
    parsedPaths.set(path, segments);
  }
  return segments;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Parse only what claims to be JSON (by content type) or looks like an object or array. */
function parseJsonBody(text: string, contentType: string): { value: unknown } | null {
  const first = text.trimStart()[0];
  if (!contentType.includes("json") && first !== "{" && first !== "[") return null;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/**
 * OpenAI-style tool calls at the root (`tool_calls`) or at `choices[0].message.tool_calls`,
 * as `{name, arguments}` with string arguments JSON-parsed (kept as text when they are not JSON).
 */
export function extractToolCalls(value: unknown): ToolCall[] | undefined {
  if (!isRecord(value)) return undefined;
  let raw = value.tool_calls;
  if (!Array.isArray(raw) && Array.isArray(value.choices) && isRecord(value.choices[0])) {
    const message = value.choices[0].message;
    raw = isRecord(message) ? message.tool_calls : undefined;
  }
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const calls: ToolCall[] = [];
  for (const entry of raw) {
    if (!isRecord(entry)) continue;
    const fn = isRecord(entry.function) ? entry.function : entry;
    if (typeof fn.name !== "string") continue;
    calls.push({ name: fn.name, arguments: parseArguments(fn.arguments) });
  }
  return calls.length > 0 ? calls : undefined;
}

function parseArguments(args: unknown): unknown {
  if (args === undefined || args === null) return {};
  if (typeof args !== "string") return args;
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

/**
 * The output of an http target's response:
 * - JSON object/array body: the value at `outputPath` (`$` = the whole body). Not found →
 *   `invalid_output`, unless the body carries tool calls (then output is null).
 * - Any other body (text, or a JSON scalar): returned as is (a JSON scalar parsed) when
 *   `outputPath` is `$` or the default `$.output`; an explicit path → `invalid_output`.
 */
export function extractHttpOutput(
  text: string,
  contentType: string,
  outputPath: string,
): Pick<TargetResponse, "output" | "toolCalls"> {
  const parsed = parseJsonBody(text, contentType);
  const structured = parsed !== null && parsed.value !== null && typeof parsed.value === "object";
  if (!structured) {
    if (outputPath === "$" || outputPath === DEFAULT_OUTPUT_PATH) {
      return { output: parsed ? parsed.value : text };
    }
    throw new TargetError(
      "invalid_output",
      `output_path ${outputPath} cannot apply: the response is not a JSON object or array (${preview(text)})`,
    );
  }
  const toolCalls = extractToolCalls(parsed.value);
  if (outputPath === "$") return withToolCalls(parsed.value, toolCalls);
  const found = evaluateJsonPath(parsed.value, pathSegments(outputPath));
  if (found.found) return withToolCalls(found.value, toolCalls);
  if (toolCalls) return { output: null, toolCalls };
  throw new TargetError(
    "invalid_output",
    `output_path ${outputPath} not found in the response${describeKeys(parsed.value)}`,
  );
}

function withToolCalls(
  output: unknown,
  toolCalls: ToolCall[] | undefined,
): Pick<TargetResponse, "output" | "toolCalls"> {
  return toolCalls ? { output, toolCalls } : { output };
}

function describeKeys(value: unknown): string {
  if (Array.isArray(value)) return ` (the body is an array of ${value.length})`;
  const keys = Object.keys(value as object);
  if (keys.length === 0) return " (the body is an empty object)";
  const shown = keys.slice(0, 10).join(", ");
  return ` (top-level keys: ${shown}${keys.length > 10 ? ", …" : ""})`;
}

function preview(text: string): string {
  if (text.length === 0) return "empty body";
  const oneLine = text.slice(0, 80).replace(/\s+/g, " ");
  return `body starts with "${oneLine}${text.length > 80 ? "…" : ""}"`;
}
