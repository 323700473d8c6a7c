import type { FieldError } from "@/lib/errors";

export const IMPORT_FORMATS = ["csv", "jsonl", "promptfoo", "workload"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Files up to 50 MB: the global 1 MB body limit is far too small for a 10,000-case suite. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
/** One cell (CSV) or one field (other formats) of a row. */
export const MAX_CELL_BYTES = 1024 * 1024;
/** Errors listed in a response; `error_count` has the total. */
export const MAX_LISTED_ERRORS = 1000;
export const PREVIEW_ROWS = 20;

/**
 * A problem with one row of the file: `row` is the 1-based number of the scenario in the file
 * (0 for the file itself, e.g. its header), `line` the physical line where that row starts.
 */
export type RowError = FieldError & { row: number; line?: number };

export type JudgeProvider = { base_url: string; model: string; api_key_secret: string };

/** What a format reader needs besides the text. */
export type ReadOptions = { judge: JudgeProvider | null };

/**
 * One scenario as read from the file, in the API's request shape, before validation. `scorerSources`
 * names where each scorer came from (a CSV column, a promptfoo assertion) so errors can point there.
 */
export type Draft = {
  row: number;
  line?: number;
  scenario: Record<string, unknown>;
  scorerSources?: string[];
  /** Problems found while reading the row; a row with any is not validated further. */
  errors: RowError[];
};

/** How the file's columns or fields map onto scenario fields, for the preview. */
export type MappingEntry = { source: string; target: string };

/** The http target a benchmark workload describes. */
export type WorkloadTarget = {
  name: string;
  config: { url: string; method: string; body_template?: unknown; output_path: string };
};

export type ReadResult = {
  drafts: Draft[];
  mapping: MappingEntry[];
  target?: WorkloadTarget;
};

export type ImportOptions = {
  format?: ImportFormat;
  suiteId?: string;
  suiteName?: string;
  targetId?: string;
  partial: boolean;
  dryRun: boolean;
  judge: JudgeProvider | null;
};

export type Upload = { bytes: Uint8Array; contentType: string; filename?: string };
