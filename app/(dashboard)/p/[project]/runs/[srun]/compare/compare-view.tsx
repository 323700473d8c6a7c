"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useComparison, useSuiteRun, useSuiteRunList } from "@/lib/client/hooks/suite-runs";
import { useProjectSlug } from "@/lib/client/project";
import { useUrlParams } from "@/lib/client/use-url-state";
import { isProblem } from "@/lib/client/fetch";
import { isTerminalStatus, type ComparePair, type SuiteRun } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/layout";
import { EmptyState, ErrorState, Skeleton } from "@/components/ui/states";
import { RelativeTime } from "@/components/ui/time";
import { formatNumber, formatPercent, shortId } from "@/components/ui/format";
import { ComparePairRow } from "@/components/runs/compare-pair";
import { StatusBadge } from "@/components/runs/status";

function RunCard({
  run,
  label,
  project,
}: {
  run: SuiteRun | undefined;
  label: string;
  project: string;
}) {
  return (
    <div className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="mb-2 text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase">
        {label}
      </div>
      {run ? (
        <>
          <div className="flex items-center gap-2">
            <StatusBadge status={run.status} />
            <Link
              href={`/p/${project}/runs/${run.id}`}
              className="font-mono text-[12.5px] hover:underline"
            >
              {shortId(run.id)}
            </Link>
            <RelativeTime iso={run.created_at} className="text-xs text-zinc-500" />
          </div>
          <div className="mt-2 text-2xl font-semibold tabular">{formatPercent(run.pass_rate)}</div>
          <div className="text-[12px] text-zinc-500 tabular">
            {formatNumber(run.passed_count)} passed · {formatNumber(run.failed_count)} failed ·{" "}
            {formatNumber(run.errored_count)} errored of {formatNumber(run.total_runs)}
          </div>
        </>
      ) : (
        <Skeleton className="h-16 w-full" />
      )}
    </div>
  );
}

function PairList({
  title,
  tone,
  pairs,
  suiteRunId,
  baselineId,
  openFirst,
  testId,
  empty,
}: {
  title: string;
  tone: "red" | "green" | "neutral";
  pairs: ComparePair[];
  suiteRunId: string;
  baselineId: string;
  openFirst?: boolean;
  testId: string;
  empty?: ReactNode;
}) {
  return (
    <section
      className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid={testId}
    >
      <h2
        className={cn(
          "flex items-center gap-2 border-b px-3 py-2 text-[13px] font-semibold",
          tone === "red"
            ? "border-red-200 bg-red-50/70 text-red-800 dark:border-red-900/70 dark:bg-red-950/30 dark:text-red-300"
            : tone === "green"
              ? "border-emerald-200 bg-emerald-50/70 text-emerald-800 dark:border-emerald-900/70 dark:bg-emerald-950/30 dark:text-emerald-300"
              : "border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/60",
        )}
      >
        {title}
        <span className="font-normal tabular">{formatNumber(pairs.length)}</span>
      </h2>
      {pairs.length === 0 ? (
        <p className="px-3 py-3 text-[13px] text-zinc-500">{empty ?? "None."}</p>
      ) : (
        <ul>
          {pairs.map((p, i) => (
            <ComparePairRow
              key={`${p.scenario_id}:${p.target_id}:${p.repeat_index}`}
              pair={p}
              suiteRunId={suiteRunId}
              baselineId={baselineId}
              defaultOpen={openFirst && i === 0}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export function CompareView({ id }: { id: string }) {
  const project = useProjectSlug();
  const { params, set } = useUrlParams();
  const baselineParam = params.get("baseline");
  const current = useSuiteRun(id);
  const comparison = useComparison(id, baselineParam);
  const candidates = useSuiteRunList({ suite_id: current.data?.suite_id ?? undefined });
  const options = (candidates.data?.pages.flatMap((p) => p.data) ?? []).filter(
    (r) => r.id !== id && isTerminalStatus(r.status),
  );
  const c = comparison.data;
  const delta = c?.pass_rate_delta ?? 0;

  return (
    <div>
      <PageHeader
        breadcrumbs={
          <nav aria-label="Breadcrumb" className="flex items-center gap-1.5">
            <Link
              href={`/p/${project}/runs/${id}`}
              className="hover:text-zinc-900 dark:hover:text-zinc-100"
            >
              {current.data?.suite_name ?? "Suite run"}{" "}
              <span className="font-mono">{shortId(id)}</span>
            </Link>
            <span aria-hidden="true">/</span>
            <span>Compare</span>
          </nav>
        }
        title="Compare with a baseline"
        description="Keyed by scenario × target × repeat. Regressions first."
        actions={
          <label className="flex items-center gap-2 text-[13px] text-zinc-500">
            Baseline
            <Select
              value={baselineParam ?? ""}
              onChange={(e) => set({ baseline: e.target.value || null })}
              className="w-72"
            >
              <option value="">Previous finished run (default)</option>
              {options.map((r) => (
                <option key={r.id} value={r.id}>
                  {shortId(r.id)} · {r.status} · {formatPercent(r.pass_rate)} ·{" "}
                  {new Date(r.created_at).toLocaleString("en-US", {
                    month: "short",
                    day: "numeric",
                    hour: "2-digit",
                    minute: "2-digit",
                  })}
                </option>
              ))}
            </Select>
          </label>
        }
      />
      {comparison.isPending ? (
        <Skeleton className="h-64 w-full" />
      ) : comparison.isError ? (
        isProblem(comparison.error) && comparison.error.status === 400 ? (
          <EmptyState title="Nothing to compare with yet">{comparison.error.detail}</EmptyState>
        ) : (
          <ErrorState
            error={comparison.error}
            title="Could not compare"
            onRetry={() => void comparison.refetch()}
          />
        )
      ) : c ? (
        <div className="space-y-4">
          <div className="grid items-stretch gap-3 md:grid-cols-[1fr_auto_1fr]">
            <RunCard run={c.baseline} label="Baseline" project={project} />
            <div
              className="flex flex-col items-center justify-center px-4 text-center"
              data-testid="pass-rate-delta"
            >
              <span
                className={cn(
                  "text-2xl font-semibold tabular",
                  delta > 0
                    ? "text-emerald-600 dark:text-emerald-400"
                    : delta < 0
                      ? "text-red-600 dark:text-red-400"
                      : "text-zinc-500",
                )}
              >
                {delta > 0 ? "+" : delta < 0 ? "−" : "±"}
                {(Math.abs(delta) * 100).toFixed(1)} pp
              </span>
              <span className="text-xs text-zinc-500">pass rate change</span>
            </div>
            <RunCard run={c.current ?? current.data} label="This run" project={project} />
          </div>
          <PairList
            title="Regressions"
            tone="red"
            pairs={c.regressions}
            suiteRunId={id}
            baselineId={c.baseline_id}
            openFirst
            testId="regressions"
            empty="Nothing that passed before fails now."
          />
          <PairList
            title="Fixes"
            tone="green"
            pairs={c.fixes}
            suiteRunId={id}
            baselineId={c.baseline_id}
            testId="fixes"
            empty="Nothing that failed before passes now."
          />
          {c.new.length > 0 ? (
            <PairList
              title="New in this run"
              tone="neutral"
              pairs={c.new}
              suiteRunId={id}
              baselineId={c.baseline_id}
              testId="new"
            />
          ) : null}
          {c.removed.length > 0 ? (
            <PairList
              title="Not in this run"
              tone="neutral"
              pairs={c.removed}
              suiteRunId={id}
              baselineId={c.baseline_id}
              testId="removed"
            />
          ) : null}
          <p
            className="rounded-lg border border-dashed border-zinc-300 px-3 py-2.5 text-[13px] text-zinc-500 dark:border-zinc-700"
            data-testid="unchanged"
          >
            <span className="font-medium text-zinc-700 tabular dark:text-zinc-300">
              {formatNumber(c.unchanged_count)}
            </span>{" "}
            unchanged (same verdict in both runs), not listed.
          </p>
        </div>
      ) : null}
    </div>
  );
}
