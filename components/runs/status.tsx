import { cn } from "@/components/ui/cn";
import type { RunStatus } from "@/lib/client/types";

/** One colour per status everywhere: bar segments, dots, badges, charts. */
export const STATUS_META: Record<
  RunStatus,
  { label: string; dot: string; bar: string; text: string; badge: string }
> = {
  passed: {
    label: "Passed",
    dot: "bg-emerald-500",
    bar: "bg-emerald-500",
    text: "text-emerald-700 dark:text-emerald-400",
    badge:
      "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-950/50 dark:text-emerald-300 dark:ring-emerald-900",
  },
  failed: {
    label: "Failed",
    dot: "bg-red-500",
    bar: "bg-red-500",
    text: "text-red-700 dark:text-red-400",
    badge:
      "bg-red-50 text-red-700 ring-red-200 dark:bg-red-950/50 dark:text-red-300 dark:ring-red-900",
  },
  error: {
    label: "Error",
    dot: "bg-amber-500",
    bar: "bg-amber-500",
    text: "text-amber-700 dark:text-amber-400",
    badge:
      "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950/50 dark:text-amber-300 dark:ring-amber-900",
  },
  cancelled: {
    label: "Cancelled",
    dot: "bg-zinc-400",
    bar: "bg-zinc-400 dark:bg-zinc-500",
    text: "text-zinc-500 dark:text-zinc-400",
    badge:
      "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-400 dark:ring-zinc-700",
  },
  running: {
    label: "Running",
    dot: "bg-blue-500",
    bar: "bg-blue-500",
    text: "text-blue-700 dark:text-blue-400",
    badge:
      "bg-blue-50 text-blue-700 ring-blue-200 dark:bg-blue-950/50 dark:text-blue-300 dark:ring-blue-900",
  },
  queued: {
    label: "Queued",
    dot: "bg-slate-400",
    bar: "bg-slate-300 dark:bg-slate-600",
    text: "text-slate-500 dark:text-slate-400",
    badge:
      "bg-slate-100 text-slate-600 ring-slate-200 dark:bg-slate-800/60 dark:text-slate-300 dark:ring-slate-700",
  },
};

const meta = (status: string) => STATUS_META[status as RunStatus] ?? STATUS_META.queued;

export function StatusDot({ status, className }: { status: string; className?: string }) {
  const live = status === "running";
  return (
    <span className={cn("relative inline-flex h-2 w-2 shrink-0", className)} aria-hidden="true">
      {live ? (
        <span
          className={cn(
            "absolute inline-flex h-full w-full animate-ping rounded-full opacity-60 motion-reduce:hidden",
            meta(status).dot,
          )}
        />
      ) : null}
      <span className={cn("relative inline-flex h-2 w-2 rounded-full", meta(status).dot)} />
    </span>
  );
}

export function StatusBadge({ status, className }: { status: string; className?: string }) {
  const m = meta(status);
  return (
    <span
      data-status={status}
      className={cn(
        "inline-flex h-5 items-center gap-1.5 rounded px-1.5 text-[11.5px] font-medium whitespace-nowrap ring-1 ring-inset",
        m.badge,
        className,
      )}
    >
      <StatusDot status={status} />
      {STATUS_META[status as RunStatus]?.label ?? status}
    </span>
  );
}

export const statusLabel = (status: string) => meta(status).label;
