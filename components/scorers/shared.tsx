import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

export type ScorerOutput = Record<string, unknown>;

export const asText = (value: unknown): string =>
  typeof value === "string"
    ? value
    : value === undefined || value === null
      ? ""
      : JSON.stringify(value, null, 2);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function Verdict({ passed, children }: { passed: boolean | null; children?: ReactNode }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 text-[12.5px] font-medium",
        passed === null
          ? "text-zinc-500"
          : passed
            ? "text-emerald-700 dark:text-emerald-400"
            : "text-red-700 dark:text-red-400",
      )}
    >
      <span aria-hidden="true">{passed === null ? "•" : passed ? "✓" : "✗"}</span>
      {children ?? (passed ? "pass" : "fail")}
    </span>
  );
}

export function Label({ children }: { children: ReactNode }) {
  return (
    <div className="mb-1 text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
      {children}
    </div>
  );
}

export function Pre({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <pre
      className={cn(
        "max-h-80 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12.5px] leading-relaxed whitespace-pre-wrap break-words text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200",
        className,
      )}
    >
      {children}
    </pre>
  );
}

export function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded bg-zinc-100 px-1 py-px font-mono text-[12px] text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
      {children}
    </code>
  );
}
