import { isRecord } from "./looks";
import { PREVIEW_ROWS, type Draft, type RowError } from "./types";

/** One row as the import dialog shows it: short texts, scorer types, and its errors. */
export type PreviewRow = {
  row: number;
  line: number | null;
  name: string;
  input: string;
  expected_output: string | null;
  tags: string[];
  scorers: string[];
  errors: RowError[];
};

const MAX_TEXT = 300;

function clip(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

export function previewOf(drafts: Draft[], errors: RowError[]): PreviewRow[] {
  const shown = drafts.slice(0, PREVIEW_ROWS);
  const rows = new Set(shown.map((d) => d.row));
  const byRow = new Map<number, RowError[]>();
  for (const error of errors) {
    if (!rows.has(error.row)) continue;
    byRow.set(error.row, [...(byRow.get(error.row) ?? []), error]);
  }
  return shown.map((draft) => {
    const s = draft.scenario;
    const scorers = Array.isArray(s.scorers) ? s.scorers : [];
    return {
      row: draft.row,
      line: draft.line ?? null,
      name: clip(s.name ?? ""),
      input: clip(s.input ?? ""),
      expected_output: s.expected_output === undefined ? null : clip(s.expected_output),
      tags: Array.isArray(s.tags) ? s.tags.map(clip) : [],
      scorers: scorers.map((spec) =>
        isRecord(spec) && typeof spec.type === "string" ? spec.type : "?",
      ),
      errors: byRow.get(draft.row) ?? [],
    };
  });
}
