import { cn } from "@/components/ui/cn";

export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900 dark:text-zinc-50",
        className,
      )}
    >
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
        <rect
          x="1"
          y="1"
          width="22"
          height="22"
          rx="6"
          className="fill-accent-600 dark:fill-accent-500"
        />
        <path
          d="M7 16.5 10.2 7.5h3.6L17 16.5M8.4 13h7.2"
          fill="none"
          stroke="white"
          strokeWidth="1.9"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {compact ? null : <span className="text-[15px]">Assay</span>}
    </span>
  );
}
