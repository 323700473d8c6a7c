"use client";

import { useMemo, useState, type ReactNode } from "react";
import { cn } from "./cn";
import { CopyButton } from "./copy-button";

const LIMIT = 60_000; // characters rendered before "Show all"

export function toPrettyJson(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Syntax-coloured JSON, tokenised once; strings stay selectable and copyable as a whole. */
function highlight(json: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let key = 0;
  while ((m = re.exec(json))) {
    if (m.index > last) out.push(json.slice(last, m.index));
    if (m[1]) {
      out.push(
        <span
          key={key++}
          className={
            m[2] ? "text-sky-700 dark:text-sky-300" : "text-emerald-700 dark:text-emerald-300"
          }
        >
          {m[1]}
        </span>,
      );
      if (m[2]) out.push(m[2]);
    } else if (m[3]) {
      out.push(
        <span key={key++} className="text-violet-700 dark:text-violet-300">
          {m[3]}
        </span>,
      );
    } else if (m[4]) {
      out.push(
        <span key={key++} className="text-amber-700 dark:text-amber-300">
          {m[4]}
        </span>,
      );
    }
    last = re.lastIndex;
  }
  if (last < json.length) out.push(json.slice(last));
  return out;
}

export function JsonView({
  value,
  className,
  maxHeight = "24rem",
  copy = true,
}: {
  value: unknown;
  className?: string;
  maxHeight?: string;
  copy?: boolean;
}) {
  const text = useMemo(() => toPrettyJson(value), [value]);
  const [all, setAll] = useState(false);
  const shown = all || text.length <= LIMIT ? text : text.slice(0, LIMIT);
  const nodes = useMemo(() => highlight(shown), [shown]);
  return (
    <div className={cn("group relative", className)}>
      <pre
        className="overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap break-words text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
        style={{ maxHeight }}
      >
        {nodes}
        {shown.length < text.length ? (
          <button
            type="button"
            onClick={() => setAll(true)}
            className="mt-2 block text-accent-600 underline dark:text-accent-400"
          >
            Show all ({Math.round(text.length / 1024)} KB)
          </button>
        ) : null}
      </pre>
      {copy ? (
        <div className="absolute top-1.5 right-1.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
          <CopyButton value={text} className="bg-white/90 dark:bg-zinc-900/90" />
        </div>
      ) : null}
    </div>
  );
}

/** Text output as text (wrapped, monospace); anything else as JSON. */
export function ValueView({
  value,
  className,
  maxHeight,
  children,
}: {
  value: unknown;
  className?: string;
  maxHeight?: string;
  children?: ReactNode;
}) {
  if (typeof value === "string") {
    return (
      <div className={cn("group relative", className)}>
        <pre
          className="overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap break-words text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
          style={{ maxHeight: maxHeight ?? "24rem" }}
        >
          {children ??
            (value === "" ? <span className="text-zinc-400 italic">(empty string)</span> : value)}
        </pre>
        <div className="absolute top-1.5 right-1.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
          <CopyButton value={value} className="bg-white/90 dark:bg-zinc-900/90" />
        </div>
      </div>
    );
  }
  if (value === null || value === undefined) {
    return (
      <p className={cn("text-[13px] text-zinc-400 italic dark:text-zinc-500", className)}>none</p>
    );
  }
  return <JsonView value={value} className={className} maxHeight={maxHeight} />;
}
