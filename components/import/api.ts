import type { ImportResult } from "@/lib/import/service";
import type { RowError } from "@/lib/import/types";

export type { ImportResult, RowError };

export type ImportSettings = {
  projectSlug: string;
  /** "auto" lets the server detect it from the file's type and content. */
  format: "auto" | "csv" | "jsonl" | "promptfoo" | "workload";
  suiteId?: string;
  suiteName?: string;
  partial: boolean;
  judge: { baseUrl: string; model: string; keySecret: string };
};

/** What went wrong, as the dialog shows it: the problem's detail and its row errors. */
export class ImportProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: RowError[],
  ) {
    super(message);
  }
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

const BY_EXTENSION: Record<string, ImportSettings["format"]> = {
  csv: "csv",
  tsv: "csv",
  jsonl: "jsonl",
  ndjson: "jsonl",
  yaml: "promptfoo",
  yml: "promptfoo",
};

/** A format for the query when the browser gives the file no useful type (.jsonl, .yaml). */
export function formatFor(file: File, chosen: ImportSettings["format"]): string | undefined {
  if (chosen !== "auto") return chosen;
  return BY_EXTENSION[file.name.split(".").pop()?.toLowerCase() ?? ""];
}

/** POST the file itself as the body: a dry run for the preview, then the real import. */
export async function sendImport(
  file: File,
  settings: ImportSettings,
  opts: { dryRun: boolean; idempotencyKey?: string; signal?: AbortSignal },
): Promise<ImportResult> {
  const query = new URLSearchParams();
  const format = formatFor(file, settings.format);
  if (format) query.set("format", format);
  if (settings.suiteId) query.set("suite_id", settings.suiteId);
  else if (settings.suiteName?.trim()) query.set("suite_name", settings.suiteName.trim());
  if (settings.partial) query.set("partial", "true");
  if (opts.dryRun) query.set("dry_run", "true");
  const { baseUrl, model, keySecret } = settings.judge;
  if (baseUrl.trim() && model.trim() && keySecret.trim()) {
    query.set("judge_base_url", baseUrl.trim());
    query.set("judge_model", model.trim());
    query.set("judge_key_secret", keySecret.trim());
  }
  const headers: Record<string, string> = {
    accept: "application/json",
    "x-assay-project": settings.projectSlug,
  };
  if (file.type) headers["content-type"] = file.type;
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1/scenarios/import?${query}`, {
      method: "POST",
      headers,
      body: file,
      credentials: "same-origin",
      cache: "no-store",
      signal: opts.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ImportProblem(0, "Could not reach the Assay server. Check your connection.", []);
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) {
    const detail =
      typeof body?.detail === "string" ? body.detail : `Request failed (${res.status})`;
    const errors = Array.isArray(body?.errors) ? (body.errors as RowError[]) : [];
    throw new ImportProblem(res.status, detail, errors);
  }
  return body as unknown as ImportResult;
}
