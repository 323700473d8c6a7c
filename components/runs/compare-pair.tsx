"use client";

import Link from "next/link";
import { useState } from "react";
import { useRun } from "@/lib/client/hooks/runs";
import { useProjectSlug } from "@/lib/client/project";
import type { ComparePair, RunDetail } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { DiffLegend, InlineDiff } from "@/components/ui/diff";
import { IconChevronDown, IconChevronRight } from "@/components/ui/icons";
import { ErrorState, InlineLoading } from "@/components/ui/states";
import { asText } from "@/components/scorers/shared";
import { StatusBadge } from "./status";

function FailingScorers({ run }: { run: RunDetail }) {
  const failing = run.results.filter((r) => !r.passed);
  if (run.error)
    return (
      <p className="text-[12.5px] text-amber-700 dark:text-amber-400">
        error {run.error.code}: {run.error.message}
      </p>
    );
  if (failing.length === 0)
    return (
      <p className="text-[12.5px] text-emerald-700 dark:text-emerald-400">all scorers passed</p>
    );
  return (
    <ul className="space-y-0.5 text-[12.5px] text-red-700 dark:text-red-400">
      {failing.map((r) => (
        <li key={r.id}>
          <span className="font-medium">{r.name}</span>: {r.reason}
        </li>
      ))}
    </ul>
  );
}

function PairDetail({
  pair,
  suiteRunId,
  baselineId,
}: {
  pair: ComparePair;
  suiteRunId: string;
  baselineId: string;
}) {
  const project = useProjectSlug();
  const baseline = useRun(pair.baseline?.run_id ?? null);
  const current = useRun(pair.current?.run_id ?? null);
  if ((pair.baseline && baseline.isPending) || (pair.current && current.isPending))
    return <InlineLoading label="Loading both runs…" />;
  if (baseline.isError || current.isError)
    return <ErrorState error={baseline.error ?? current.error} title="Could not load the runs" />;
  const before = baseline.data ? asText(baseline.data.output) : "";
  const after = current.data ? asText(current.data.output) : "";
  return (
    <div className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <div className="mb-1 flex items-center justify-between text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase">
            Baseline
            {pair.baseline ? (
              <Link
                className="font-normal tracking-normal normal-case text-accent-700 hover:underline dark:text-accent-400"
                href={`/p/${project}/runs/${baselineId}/cases/${pair.baseline.run_id}`}
              >
                open run
              </Link>
            ) : null}
          </div>
          {baseline.data ? (
            <FailingScorers run={baseline.data} />
          ) : (
            <p className="text-[12.5px] text-zinc-500">not in the baseline</p>
          )}
        </div>
        <div>
          <div className="mb-1 flex items-center justify-between text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase">
            This run
            {pair.current ? (
              <Link
                className="font-normal tracking-normal normal-case text-accent-700 hover:underline dark:text-accent-400"
                href={`/p/${project}/runs/${suiteRunId}/cases/${pair.current.run_id}`}
              >
                open run
              </Link>
            ) : null}
          </div>
          {current.data ? (
            <FailingScorers run={current.data} />
          ) : (
            <p className="text-[12.5px] text-zinc-500">not in this run</p>
          )}
        </div>
      </div>
      <div>
        <div className="mb-1 flex items-center justify-between">
          <span className="text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase">
            Output: baseline → this run
          </span>
          <DiffLegend />
        </div>
        {before === after ? (
          <p className="text-[12.5px] text-zinc-500">The outputs are identical.</p>
        ) : (
          <InlineDiff before={before} after={after} />
        )}
      </div>
    </div>
  );
}

/** One scenario × target × repeat in both runs; expands to both verdicts and the output diff. */
export function ComparePairRow({
  pair,
  suiteRunId,
  baselineId,
  defaultOpen = false,
}: {
  pair: ComparePair;
  suiteRunId: string;
  baselineId: string;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <li
      className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
      data-testid="compare-pair"
    >
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          "flex w-full items-center gap-3 px-3 py-2 text-left text-[13px] hover:bg-zinc-50 dark:hover:bg-zinc-900/60",
          open && "bg-zinc-50 dark:bg-zinc-900/60",
        )}
      >
        {open ? (
          <IconChevronDown size={14} className="shrink-0 text-zinc-400" />
        ) : (
          <IconChevronRight size={14} className="shrink-0 text-zinc-400" />
        )}
        <span className="min-w-0 flex-1 truncate font-medium">
          {pair.scenario_name ?? pair.scenario_id}
        </span>
        <span className="hidden max-w-56 truncate text-zinc-500 sm:inline">{pair.target_name}</span>
        <span className="w-10 text-right text-xs text-zinc-400 tabular">
          #{pair.repeat_index + 1}
        </span>
        <span className="flex w-56 items-center justify-end gap-1.5">
          {pair.baseline ? (
            <StatusBadge status={pair.baseline.status} />
          ) : (
            <span className="text-xs text-zinc-400">—</span>
          )}
          <span className="text-zinc-400" aria-label="became">
            →
          </span>
          {pair.current ? (
            <StatusBadge status={pair.current.status} />
          ) : (
            <span className="text-xs text-zinc-400">—</span>
          )}
        </span>
      </button>
      {open ? (
        <div className="border-t border-zinc-100 px-9 py-3 dark:border-zinc-800">
          <PairDetail pair={pair} suiteRunId={suiteRunId} baselineId={baselineId} />
        </div>
      ) : null}
    </li>
  );
}
