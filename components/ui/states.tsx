import type { ReactNode } from "react";
import { cn } from "./cn";
import { IconAlert } from "./icons";
import { Spinner } from "./spinner";

export function EmptyState({
  title,
  children,
  action,
  icon,
  className,
}: {
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border border-dashed border-zinc-300 px-6 py-12 text-center dark:border-zinc-700",
        className,
      )}
    >
      {icon ? <div className="mb-3 text-zinc-400 dark:text-zinc-500">{icon}</div> : null}
      <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      {children ? (
        <div className="mt-1 max-w-md text-[13px] text-zinc-500 dark:text-zinc-400">{children}</div>
      ) : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}

type ErrorLike = {
  message?: string;
  detail?: string;
  title?: string;
  traceId?: string | null;
  status?: number;
};

/** An API error, honestly: what failed, the server's detail, the trace id to report, and a retry. */
export function ErrorState({
  error,
  title = "Something went wrong",
  onRetry,
  className,
}: {
  error: unknown;
  title?: ReactNode;
  onRetry?: () => void;
  className?: string;
}) {
  const e = (error ?? {}) as ErrorLike;
  return (
    <div
      role="alert"
      className={cn(
        "rounded-lg border border-red-200 bg-red-50/60 px-4 py-3 text-[13px] dark:border-red-900/60 dark:bg-red-950/30",
        className,
      )}
    >
      <div className="flex items-start gap-2.5">
        <IconAlert className="mt-0.5 shrink-0 text-red-600 dark:text-red-400" />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-red-800 dark:text-red-300">{title}</p>
          <p className="mt-0.5 text-red-700 dark:text-red-300/90">
            {e.detail || e.message || "Unknown error"}
          </p>
          {e.traceId ? (
            <p className="mt-1 font-mono text-[11.5px] text-red-600/80 dark:text-red-400/70">
              trace {e.traceId}
            </p>
          ) : null}
        </div>
        {onRetry ? (
          <button
            type="button"
            onClick={onRetry}
            className="rounded-md px-2 py-1 text-[12.5px] font-medium text-red-700 hover:bg-red-100 dark:text-red-300 dark:hover:bg-red-900/40"
          >
            Retry
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return (
    <div
      className={cn(
        "animate-pulse rounded bg-zinc-200/70 motion-reduce:animate-none dark:bg-zinc-800",
        className,
      )}
    />
  );
}

export function LoadingRows({ rows = 6, className }: { rows?: number; className?: string }) {
  return (
    <div className={cn("space-y-2", className)} aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-9 w-full" />
      ))}
    </div>
  );
}

export function InlineLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div
      className="flex items-center gap-2 text-[13px] text-zinc-500 dark:text-zinc-400"
      role="status"
    >
      <Spinner size={14} />
      {label}
    </div>
  );
}
