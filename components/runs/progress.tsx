"use client";

import { useEffect, useState } from "react";
import type { RunStatus, SuiteRun } from "@/lib/client/types";
import { isTerminalStatus } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { formatClock, formatDuration, formatNumber, formatPercent } from "@/components/ui/format";
import { STATUS_META } from "./status";

type Segment = { status: RunStatus | "pending"; count: number };

export function segmentsOf(run: SuiteRun): Segment[] {
  return [
    { status: "passed", count: run.passed_count },
    { status: "failed", count: run.failed_count },
    { status: "error", count: run.errored_count },
    { status: "cancelled", count: run.cancelled_count },
    { status: "pending", count: run.pending_count },
  ];
}

/** The suite run as one bar: a segment per status, pending striped while the run is live. */
export function ProgressBar({
  run,
  className,
  height = "h-2.5",
}: {
  run: SuiteRun;
  className?: string;
  height?: string;
}) {
  const total = Math.max(1, run.total_runs);
  const live = !isTerminalStatus(run.status);
  return (
    <div
      role="img"
      aria-label={`${formatNumber(run.total_runs - run.pending_count)} of ${formatNumber(run.total_runs)} runs finished`}
      className={cn(
        "flex w-full overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800",
        height,
        className,
      )}
    >
      {segmentsOf(run).map(({ status, count }) =>
        count > 0 ? (
          <div
            key={status}
            className={cn(
              "h-full transition-[width] duration-500 ease-out motion-reduce:transition-none",
              status === "pending"
                ? live
                  ? "progress-running bg-blue-400/70 dark:bg-blue-500/50"
                  : "bg-zinc-200 dark:bg-zinc-700"
                : STATUS_META[status].bar,
            )}
            style={{ width: `${(count / total) * 100}%` }}
          />
        ) : null,
      )}
    </div>
  );
}

/** Seconds since the run started, ticking while it is live; the final duration once it is done. */
export function Elapsed({ run }: { run: SuiteRun }) {
  const [now, setNow] = useState(() => Date.now());
  const live = !isTerminalStatus(run.status);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [live]);
  const start = new Date(run.started_at ?? run.created_at).getTime();
  if (!live) {
    const end = run.completed_at ? new Date(run.completed_at).getTime() : now;
    return <span className="tabular">{formatDuration(run.duration_ms ?? end - start)}</span>;
  }
  return (
    <span className="tabular" data-testid="elapsed" suppressHydrationWarning>
      {formatClock(now - start)}
    </span>
  );
}

const COUNT_ITEMS: { key: keyof SuiteRun; status: RunStatus | "pending"; label: string }[] = [
  { key: "passed_count", status: "passed", label: "Passed" },
  { key: "failed_count", status: "failed", label: "Failed" },
  { key: "errored_count", status: "error", label: "Errored" },
  { key: "cancelled_count", status: "cancelled", label: "Cancelled" },
  { key: "pending_count", status: "pending", label: "Pending" },
];

/** Counts by status; each is a button that filters the table to that status. */
export function StatusCounts({
  run,
  active,
  onSelect,
}: {
  run: SuiteRun;
  active?: string[];
  onSelect?: (status: RunStatus | "pending") => void;
}) {
  return (
    <dl className="flex flex-wrap gap-x-1 gap-y-1">
      {COUNT_ITEMS.map(({ key, status, label }) => {
        const value = run[key] as number;
        const selected = active?.includes(status === "pending" ? "queued" : status);
        return (
          <div key={status}>
            <dt className="sr-only">{label}</dt>
            <dd>
              <button
                type="button"
                disabled={!onSelect}
                onClick={() => onSelect?.(status)}
                data-testid={`count-${status}`}
                aria-pressed={onSelect ? !!selected : undefined}
                title={onSelect ? `Show ${label.toLowerCase()} runs` : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-2 py-1 text-left transition-colors enabled:hover:bg-zinc-100 dark:enabled:hover:bg-zinc-800",
                  selected &&
                    "bg-zinc-100 ring-1 ring-zinc-300 dark:bg-zinc-800 dark:ring-zinc-600",
                )}
              >
                <span
                  className={cn(
                    "h-2.5 w-2.5 rounded-sm",
                    status === "pending"
                      ? "bg-blue-400/70 dark:bg-blue-500/60"
                      : STATUS_META[status].bar,
                  )}
                  aria-hidden="true"
                />
                <span className="text-[12.5px] text-zinc-500 dark:text-zinc-400">{label}</span>
                <span
                  className="text-[14px] font-semibold text-zinc-900 tabular dark:text-zinc-100"
                  data-value={value}
                >
                  {formatNumber(value)}
                </span>
              </button>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** Pass rate against the gate: a bar with the threshold marked, and the verdict once final. */
export function GateMeter({ run }: { run: SuiteRun }) {
  const threshold = run.gate.threshold;
  const terminal = isTerminalStatus(run.status);
  const judged = run.passed_count + run.failed_count + run.errored_count;
  // While live, show the rate among finished runs (what the gate is heading for); then the real one.
  const rate = terminal
    ? run.pass_rate
    : (run.completed_pass_rate ?? (judged > 0 ? run.passed_count / judged : null));
  const ok = rate !== null && rate !== undefined && rate >= threshold;
  // A cancelled run has no verdict: its rate covers only what ran, so it is shown without colour.
  const neutral = run.status === "cancelled";
  return (
    <div>
      <div className="flex items-baseline gap-2">
        <span
          data-testid="pass-rate"
          className={cn(
            "text-2xl font-semibold tracking-tight tabular",
            rate === null || rate === undefined || neutral
              ? "text-zinc-500 dark:text-zinc-400"
              : ok
                ? "text-emerald-600 dark:text-emerald-400"
                : "text-red-600 dark:text-red-400",
          )}
        >
          {formatPercent(rate)}
        </span>
        <span className="text-[12.5px] text-zinc-500 dark:text-zinc-400">
          pass rate{neutral ? ` of the ${judged} that ran` : terminal ? "" : " so far"} · gate ≥{" "}
          <span className="tabular">{formatPercent(threshold)}</span>
        </span>
      </div>
      <div className="relative mt-2 h-1.5 w-full rounded-full bg-zinc-100 dark:bg-zinc-800">
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none",
            neutral ? "bg-zinc-400" : ok ? "bg-emerald-500" : "bg-red-500",
          )}
          style={{ width: `${Math.min(100, (rate ?? 0) * 100)}%` }}
        />
        <div
          className="absolute -top-1 h-3.5 w-0.5 rounded bg-zinc-700 dark:bg-zinc-300"
          style={{ left: `calc(${threshold * 100}% - 1px)` }}
          title={`Gate: ${formatPercent(threshold)}`}
        />
      </div>
    </div>
  );
}

/** The gate verdict in words, as big as it deserves. */
export function GateVerdict({ run, size = "md" }: { run: SuiteRun; size?: "md" | "lg" }) {
  const s = run.status;
  const text =
    s === "passed"
      ? "Gate passed"
      : s === "failed"
        ? "Gate failed"
        : s === "error"
          ? "Inconclusive: errors decide the gate"
          : s === "cancelled"
            ? "Cancelled"
            : s === "running"
              ? "Running"
              : "Queued";
  const tone =
    s === "passed"
      ? "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-900"
      : s === "failed"
        ? "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950/50 dark:text-red-300 dark:ring-red-900"
        : s === "error"
          ? "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-900"
          : s === "running"
            ? "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950/50 dark:text-blue-300 dark:ring-blue-900"
            : "bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700";
  return (
    <span
      data-testid="gate-verdict"
      data-status={s}
      className={cn(
        "inline-flex items-center gap-2 rounded-lg font-semibold ring-1 ring-inset",
        tone,
        size === "lg" ? "px-4 py-2 text-xl" : "px-2.5 py-1 text-[13px]",
      )}
    >
      <span
        className={cn(
          "rounded-full",
          size === "lg" ? "h-3 w-3" : "h-2 w-2",
          s === "passed"
            ? "bg-emerald-500"
            : s === "failed"
              ? "bg-red-500"
              : s === "error"
                ? "bg-amber-500"
                : s === "running"
                  ? "animate-pulse bg-blue-500"
                  : "bg-zinc-400",
        )}
      />
      {text}
    </span>
  );
}
