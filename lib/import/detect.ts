import { AppError } from "@/lib/errors";
import { looksLikePromptfoo } from "./from-promptfoo";
import { WORKLOAD_FORMAT } from "./from-workload";
import { isRecord } from "./looks";
import type { ImportFormat } from "./types";

/** What the file turned out to be; `json` is a JSON array of scenarios (the JSONL shape). */
export type DetectedFormat = ImportFormat | "json";

const BY_CONTENT_TYPE: Record<string, DetectedFormat | "json?"> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "text/comma-separated-values": "csv",
  "text/tab-separated-values": "csv",
  "application/vnd.ms-excel": "csv", // what Windows browsers call a .csv file
  "application/x-ndjson": "jsonl",
  "application/ndjson": "jsonl",
  "application/jsonl": "jsonl",
  "application/x-jsonlines": "jsonl",
  "application/jsonlines": "jsonl",
  "application/yaml": "promptfoo",
  "application/x-yaml": "promptfoo",
  "text/yaml": "promptfoo",
  "text/x-yaml": "promptfoo",
  "application/json": "json?",
};

const GENERIC_TYPES = new Set(["", "text/plain", "application/octet-stream"]);

const BY_EXTENSION: Record<string, DetectedFormat | "json?"> = {
  csv: "csv",
  tsv: "csv",
  jsonl: "jsonl",
  ndjson: "jsonl",
  yaml: "promptfoo",
  yml: "promptfoo",
  json: "json?",
};

/** JSON: the benchmark workload, a promptfoo config written as JSON, or scenarios. */
function classifyJson(text: string): { format: DetectedFormat; parsed?: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Several JSON values, one per line: JSON Lines sent as application/json.
    const firstLine = text.trimStart().split("\n", 1)[0];
    try {
      if (isRecord(JSON.parse(firstLine))) return { format: "jsonl" };
    } catch {
      // not JSONL either: the JSON reader reports where it breaks
    }
    return { format: "json" };
  }
  if (isRecord(parsed) && parsed.format === WORKLOAD_FORMAT) return { format: "workload", parsed };
  if (isRecord(parsed) && Array.isArray(parsed.tests)) return { format: "promptfoo" };
  return { format: "json", parsed };
}

/**
 * `?format=` wins, then the Content-Type (or the uploaded file's name), then the content itself.
 * A Content-Type that is none of the importable ones is refused (415).
 */
export function detectFormat({
  explicit,
  contentType,
  filename,
  text,
}: {
  explicit?: ImportFormat;
  contentType: string;
  filename?: string;
  text: string;
}): { format: DetectedFormat; parsed?: unknown } {
  if (explicit === "workload") return { format: "workload" };
  if (explicit) return { format: explicit };
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  let hint = BY_CONTENT_TYPE[mediaType];
  if (!hint && !GENERIC_TYPES.has(mediaType)) {
    throw new AppError(
      "unsupported_media_type",
      `Content-Type ${mediaType} cannot be imported; send text/csv, application/x-ndjson, application/yaml or application/json, or pass ?format=csv|jsonl|promptfoo|workload`,
      { field: "content-type" },
    );
  }
  if (!hint && filename) hint = BY_EXTENSION[filename.split(".").pop()?.toLowerCase() ?? ""];
  if (hint === "json?") return classifyJson(text);
  if (hint) return { format: hint };
  return sniff(text);
}

function sniff(text: string): { format: DetectedFormat; parsed?: unknown } {
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return classifyJson(text);
  if (looksLikePromptfoo(text)) return { format: "promptfoo" };
  return { format: "csv" };
}
