"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { cn } from "@/components/ui/cn";
import {
  ImportProblem,
  MAX_FILE_BYTES,
  sendImport,
  type ImportResult,
  type ImportSettings,
  type RowError,
} from "./api";
import { FileDrop, JudgeFields, control, megabytes } from "./import-fields";
import { ErrorList, MappingTable, PreviewTable } from "./import-preview";

export type ImportDialogProps = {
  /** Sent as X-Assay-Project. */
  projectSlug: string;
  /** Add the imported scenarios to this suite (id or slug); otherwise a new suite may be named. */
  suiteId?: string;
  /** Called once the scenarios are written, with the API's response. */
  onImported?: (result: ImportResult) => void;
  /** Controlled mode; without `open` the dialog renders its own "Import scenarios" button. */
  open?: boolean;
  onClose?: () => void;
};

const FORMATS: { value: ImportSettings["format"]; label: string }[] = [
  { value: "auto", label: "Detect from the file" },
  { value: "csv", label: "CSV" },
  { value: "jsonl", label: "JSONL (API shape)" },
  { value: "promptfoo", label: "promptfoo config (YAML)" },
  { value: "workload", label: "Benchmark workload (JSON)" },
];

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

/** crypto.randomUUID needs a secure context; getRandomValues works on plain http too. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = (h * 33) ^ text.charCodeAt(i);
  return (h >>> 0).toString(36);
}

type State =
  | { step: "pick" }
  | { step: "checking" }
  | { step: "preview"; result: ImportResult }
  | { step: "importing"; result: ImportResult }
  | { step: "done"; result: ImportResult }
  | { step: "failed"; message: string; errors: RowError[] };

/**
 * Upload a CSV, JSONL, promptfoo or workload file: a dry run shows the column mapping, the first
 * rows and every row's errors before anything is written; then "Import N scenarios".
 */
export function ImportDialog({
  projectSlug,
  suiteId,
  onImported,
  open,
  onClose,
}: ImportDialogProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const isOpen = open ?? ownOpen;
  const close = () => {
    if (open === undefined) setOwnOpen(false);
    onClose?.();
  };
  return (
    <>
      {open === undefined ? (
        <Button onClick={() => setOwnOpen(true)} data-testid="import-open">
          Import scenarios
        </Button>
      ) : null}
      <Dialog
        open={isOpen}
        onClose={close}
        size="xl"
        title="Import scenarios"
        description="CSV, JSONL, a promptfoo config or a benchmark workload. Nothing is written until you confirm."
      >
        {isOpen ? (
          <ImportFlow
            projectSlug={projectSlug}
            suiteId={suiteId}
            onImported={onImported}
            onClose={close}
          />
        ) : null}
      </Dialog>
    </>
  );
}

function ImportFlow({
  projectSlug,
  suiteId,
  onImported,
  onClose,
}: Omit<ImportDialogProps, "open" | "onClose"> & { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportSettings["format"]>("auto");
  const [partial, setPartial] = useState(false);
  const [suiteName, setSuiteName] = useState("");
  const [judge, setJudge] = useState({ baseUrl: "", model: "", keySecret: "" });
  const [state, setState] = useState<State>({ step: "pick" });
  const idempotencyKey = useRef("");

  const settings = useMemo<ImportSettings>(
    () => ({ projectSlug, format, suiteId, suiteName, partial, judge }),
    [projectSlug, format, suiteId, suiteName, partial, judge],
  );

  // Every change of file or option runs a fresh dry run (the previous one is abandoned).
  const check = useCallback(
    (signal: AbortSignal) => {
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) {
        setState({
          step: "failed",
          message: `${file.name} is ${megabytes(file.size)}; files are limited to 50 MB. Split it into several imports.`,
          errors: [],
        });
        return;
      }
      setState({ step: "checking" });
      sendImport(file, settings, { dryRun: true, signal })
        .then((result) => setState({ step: "preview", result }))
        .catch((error: unknown) => {
          if ((error as Error).name === "AbortError") return;
          const problem = error instanceof ImportProblem ? error : null;
          setState({
            step: "failed",
            message: problem?.message ?? String(error),
            errors: problem?.errors ?? [],
          });
        });
    },
    [file, settings],
  );

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => check(controller.signal), 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [check]);

  const choose = (picked: File | undefined) => {
    if (!picked) return;
    idempotencyKey.current = randomKey();
    setFile(picked);
  };

  const confirm = async (result: ImportResult) => {
    if (!file) return;
    setState({ step: "importing", result });
    try {
      const done = await sendImport(file, settings, {
        dryRun: false,
        // Retrying the same file with the same options never imports twice.
        idempotencyKey: `${idempotencyKey.current}:${hash(JSON.stringify(settings))}`,
      });
      setState({ step: "done", result: done });
      onImported?.(done);
    } catch (error) {
      const problem = error instanceof ImportProblem ? error : null;
      setState({
        step: "failed",
        message: problem?.message ?? String(error),
        errors: problem?.errors ?? [],
      });
    }
  };

  const preview = state.step === "preview" || state.step === "importing" ? state.result : null;

  if (state.step === "done") {
    const r = state.result;
    return (
      <div className="space-y-4" data-testid="import-done">
        <p className="text-sm">
          Imported <strong>{plural(r.created, "scenario")}</strong>
          {r.suite_id ? (r.suite_created ? " into a new suite" : " into the suite") : ""}.
          {r.error_count > 0
            ? ` Rows with errors were skipped (${plural(r.error_count, "error")}).`
            : ""}
        </p>
        <ErrorList errors={r.errors} total={r.error_count} />
        <div className="flex justify-end">
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <FileDrop file={file} onFile={choose} />

      <div className="grid gap-3 sm:grid-cols-2">
        <label className="space-y-1 text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
          <span>Format</span>
          <select
            className={cn(control, "h-8")}
            value={format}
            onChange={(e) => setFormat(e.target.value as ImportSettings["format"])}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {suiteId ? (
          <p className="self-end pb-1.5 text-[13px] text-zinc-500 dark:text-zinc-400">
            The scenarios are added to this suite.
          </p>
        ) : (
          <label className="space-y-1 text-[13px] font-medium text-zinc-700 dark:text-zinc-300">
            <span>New suite (optional)</span>
            <input
              className={cn(control, "h-8")}
              placeholder="Name a suite to create with them"
              value={suiteName}
              onChange={(e) => setSuiteName(e.target.value)}
            />
          </label>
        )}
      </div>

      <JudgeFields value={judge} onChange={setJudge} />

      {state.step === "checking" ? (
        <p className="text-[13px] text-zinc-500 dark:text-zinc-400">Reading the file…</p>
      ) : null}

      {state.step === "failed" ? (
        <div className="space-y-2" role="alert">
          <p className="text-[13px] text-red-700 dark:text-red-400">{state.message}</p>
          <ErrorList errors={state.errors} />
        </div>
      ) : null}

      {preview ? (
        <div className="space-y-3" data-testid="import-summary">
          <p className="text-[13px] text-zinc-700 dark:text-zinc-300">
            {preview.format.toUpperCase()} · {plural(preview.total, "row")} ·{" "}
            <span className={preview.error_count > 0 ? "text-red-700 dark:text-red-400" : ""}>
              {plural(preview.error_count, "error")}
            </span>
          </p>
          {preview.mapping ? <MappingTable mapping={preview.mapping} /> : null}
          {preview.preview ? <PreviewTable rows={preview.preview} /> : null}
          {preview.error_count > 0 ? (
            <>
              <ErrorList errors={preview.errors} total={preview.error_count} />
              <label className="inline-flex items-center gap-2 text-[13px] text-zinc-700 dark:text-zinc-300">
                <input
                  type="checkbox"
                  className="h-3.5 w-3.5 accent-accent-600"
                  checked={partial}
                  onChange={(e) => setPartial(e.target.checked)}
                />
                Skip the rows with errors and import the rest
              </label>
            </>
          ) : null}
        </div>
      ) : null}

      <div className="flex items-center justify-end gap-2 border-t border-zinc-200 pt-3 dark:border-zinc-800">
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="primary"
          disabled={!preview || preview.would_create === 0}
          loading={state.step === "importing"}
          onClick={() => preview && confirm(preview)}
          data-testid="import-confirm"
        >
          {preview && preview.would_create > 0
            ? `Import ${plural(preview.would_create, "scenario")}`
            : "Import scenarios"}
        </Button>
      </div>
    </div>
  );
}
