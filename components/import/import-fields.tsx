"use client";

import { useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ImportSettings } from "./api";

export const control =
  "block w-full rounded-md border border-zinc-200 bg-white px-2.5 text-[13px] text-zinc-900 shadow-xs focus:border-accent-500 focus:ring-2 focus:ring-accent-500/20 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

export const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

const ACCEPT =
  ".csv,.tsv,.jsonl,.ndjson,.json,.yaml,.yml,text/csv,application/json,application/yaml";

/** A drop target with a file picker: both hand the chosen file to `onFile`. */
export function FileDrop({ file, onFile }: { file: File | null; onFile: (file?: File) => void }) {
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    onFile(e.dataTransfer.files[0]);
  };
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn(
        "flex flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-4 py-6 text-center text-[13px] transition-colors",
        dragging
          ? "border-accent-500 bg-accent-50/50 dark:bg-accent-950/30"
          : "border-zinc-200 dark:border-zinc-700",
      )}
      data-testid="import-dropzone"
    >
      {file ? (
        <p>
          <span className="font-medium">{file.name}</span>{" "}
          <span className="text-zinc-500 dark:text-zinc-400">({megabytes(file.size)})</span>
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-300">Drop a file here, or</p>
      )}
      <Button size="sm" onClick={() => inputRef.current?.click()}>
        {file ? "Choose another file" : "Choose a file"}
      </Button>
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT}
        className="sr-only"
        aria-label="File to import"
        onChange={(e) => onFile(e.target.files?.[0])}
      />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Up to 50 MB and 50,000 rows. CSV columns: name, input or input.&lt;field&gt;,
        expected_output, tags, and scorer columns (contains, regex, json_schema…).
      </p>
    </div>
  );
}

type Judge = ImportSettings["judge"];

const JUDGE_FIELDS: [keyof Judge, string, string][] = [
  ["baseUrl", "Base URL", "https://api.openai.com/v1"],
  ["model", "Model", "gpt-4o-mini"],
  ["keySecret", "API key secret name", "OPENAI_API_KEY"],
];

/** The judge provider the import gives llm_judge columns and llm-rubric assertions. */
export function JudgeFields({
  value,
  onChange,
}: {
  value: Judge;
  onChange: (next: Judge) => void;
}) {
  return (
    <details className="rounded-lg border border-zinc-200 px-3 py-2 text-[13px] dark:border-zinc-800">
      <summary className="cursor-pointer font-medium text-zinc-700 dark:text-zinc-300">
        LLM judge provider (for llm_judge columns and llm-rubric assertions)
      </summary>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {JUDGE_FIELDS.map(([key, label, placeholder]) => (
          <label key={key} className="space-y-1 text-zinc-600 dark:text-zinc-400">
            <span>{label}</span>
            <input
              className={cn(control, "h-8")}
              placeholder={placeholder}
              value={value[key]}
              onChange={(e) => onChange({ ...value, [key]: e.target.value })}
            />
          </label>
        ))}
      </div>
    </details>
  );
}
