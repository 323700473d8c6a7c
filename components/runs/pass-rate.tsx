import { cn } from "@/components/ui/cn";
import { formatPercent } from "@/components/ui/format";

/** A pass rate next to its gate threshold: green at or above it, red below. */
export function PassRate({
  rate,
  threshold,
  className,
}: {
  rate: number | null | undefined;
  threshold?: number;
  className?: string;
}) {
  if (rate === null || rate === undefined)
    return <span className={cn("text-zinc-400", className)}>—</span>;
  const ok = threshold === undefined || rate >= threshold;
  return (
    <span
      className={cn(
        "font-medium tabular",
        ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400",
        className,
      )}
    >
      {formatPercent(rate)}
    </span>
  );
}
