"use client";

import Link from "next/link";
import type { CSSProperties } from "react";
import type { RunSummary } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { formatDuration } from "@/components/ui/format";
import { StatusBadge } from "./status";

/** Column widths shared by the header and every row of the runs table. */
export const RUN_GRID = "grid-cols-[104px_minmax(0,2fr)_minmax(0,1.4fr)_56px_84px_minmax(0,1fr)]";
const GRID = RUN_GRID;

/** One child run in the virtualized table; a skeleton until its page has loaded. */
export function RunRow({
  index,
  run,
  style,
  className,
  active,
  focused,
  href,
  onOpen,
}: {
  index: number;
  run: RunSummary | undefined;
  style: CSSProperties;
  className: string;
  active: boolean;
  focused: boolean;
  href: string | undefined;
  onOpen: (run: RunSummary) => void;
}) {
  if (!run) {
    return (
      <div
        role="row"
        aria-rowindex={index + 1}
        style={style}
        className={cn(className, "grid gap-3", GRID)}
      >
        <span className="h-4 w-16 animate-pulse rounded bg-zinc-200/80 dark:bg-zinc-800" />
        <span className="h-3 w-3/4 animate-pulse rounded bg-zinc-200/80 dark:bg-zinc-800" />
        <span className="h-3 w-1/2 animate-pulse rounded bg-zinc-200/60 dark:bg-zinc-800/70" />
        <span />
        <span />
        <span />
      </div>
    );
  }
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={active || undefined}
      data-testid="run-row"
      data-status={run.status}
      data-run-id={run.id}
      data-focused={focused || undefined}
      style={style}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen(run);
      }}
      className={cn(
        className,
        "grid cursor-pointer gap-3 hover:bg-zinc-50 dark:hover:bg-zinc-900/60",
        GRID,
        active && "bg-accent-50 dark:bg-accent-950/40",
      )}
    >
      <span role="cell">
        <StatusBadge status={run.status} />
      </span>
      <span role="cell" className="truncate">
        {href ? (
          <Link
            href={href}
            className="text-zinc-900 hover:underline dark:text-zinc-100"
            tabIndex={-1}
            title={run.scenario_name ?? run.scenario_id}
          >
            {run.scenario_name ?? run.scenario_id}
          </Link>
        ) : (
          run.scenario_name
        )}
      </span>
      <span
        role="cell"
        className="truncate text-zinc-600 dark:text-zinc-400"
        title={run.target_name ?? run.target_id}
      >
        {run.target_name ?? run.target_id}
      </span>
      <span role="cell" className="text-right text-zinc-500 tabular">
        {run.repeat_index + 1}
      </span>
      <span role="cell" className="text-right text-zinc-600 tabular dark:text-zinc-400">
        {run.latency_ms === null ? "—" : formatDuration(run.latency_ms)}
      </span>
      <span
        role="cell"
        className="truncate font-mono text-[12px] text-amber-700 dark:text-amber-400"
        title={run.error_code ?? undefined}
      >
        {run.error_code ?? ""}
      </span>
    </div>
  );
}
