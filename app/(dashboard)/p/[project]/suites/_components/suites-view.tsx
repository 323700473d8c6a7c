"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useSuites } from "@/lib/client/hooks/suites";
import { useCanWrite, useProjectSlug } from "@/lib/client/project";
import { useDebounced, useUrlParams } from "@/lib/client/use-url-state";
import { isTerminalStatus, type Suite } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/layout";
import { SearchInput } from "@/components/ui/search-input";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { Sparkline } from "@/components/ui/sparkline";
import { RelativeTime } from "@/components/ui/time";
import { IconPlay, IconPlus, IconSuites, IconX } from "@/components/ui/icons";
import { cn } from "@/components/ui/cn";
import { formatNumber, formatPercent } from "@/components/ui/format";
import { StatusBadge } from "@/components/runs/status";
import { PassRate } from "@/components/runs/pass-rate";
import { RunDialog } from "@/components/suites/run-dialog";
import { SuiteFormDialog } from "@/components/suites/suite-form-dialog";

export function SuitesView() {
  const project = useProjectSlug();
  const canWrite = useCanWrite();
  const { params, set } = useUrlParams();
  const label = params.get("label") ?? "";
  const [q, setQ] = useState(params.get("q") ?? "");
  const query = useDebounced(q.trim());
  const suites = useSuites({ q: query || undefined, label: label || undefined });
  const all = useSuites({});
  const [running, setRunning] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const labels = useMemo(() => {
    const set = new Set<string>();
    for (const s of all.data?.data ?? []) for (const l of s.labels) set.add(l);
    return [...set].sort();
  }, [all.data]);

  const rows = suites.data?.data ?? [];
  const filtered = !!(query || label);

  return (
    <div>
      <PageHeader
        title="Suites"
        description="Sets of scenarios run against your targets, gated on a pass rate."
        actions={
          canWrite ? (
            <Button
              variant="primary"
              icon={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
            >
              New suite
            </Button>
          ) : null
        }
      />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SearchInput
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            set({ q: e.target.value.trim() || null });
          }}
          placeholder="Search suites"
          aria-label="Search suites"
          className="w-64"
        />
        {labels.length > 0 ? (
          <div
            className="flex flex-wrap items-center gap-1.5"
            role="group"
            aria-label="Filter by label"
          >
            {labels.map((l) => (
              <button
                key={l}
                type="button"
                aria-pressed={label === l}
                onClick={() => set({ label: label === l ? null : l })}
                className={cn(
                  "inline-flex h-6 items-center gap-1 rounded-full border px-2.5 text-[12px] transition-colors",
                  label === l
                    ? "border-accent-300 bg-accent-50 text-accent-700 dark:border-accent-700 dark:bg-accent-950/60 dark:text-accent-300"
                    : "border-zinc-200 text-zinc-600 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800",
                )}
              >
                {l}
                {label === l ? <IconX size={12} /> : null}
              </button>
            ))}
          </div>
        ) : null}
      </div>

      {suites.isPending ? (
        <LoadingRows rows={4} />
      ) : suites.isError ? (
        <ErrorState
          error={suites.error}
          title="Could not load suites"
          onRetry={() => void suites.refetch()}
        />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No suites match"
            action={
              <Button onClick={() => (setQ(""), set({ q: null, label: null }))}>
                Clear filters
              </Button>
            }
          >
            Nothing matches {query ? <>“{query}”</> : null}
            {label ? <> with the label “{label}”</> : null}.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<IconSuites size={28} />}
            title="No suites yet"
            action={
              canWrite ? (
                <Button variant="primary" onClick={() => setCreating(true)}>
                  Create a suite
                </Button>
              ) : null
            }
          >
            A suite runs scenarios against targets and gates on the pass rate. Create scenarios and
            a target first, then group them here.
          </EmptyState>
        )
      ) : (
        <Table>
          <THead>
            <tr>
              <Th>Suite</Th>
              <Th className="hidden lg:table-cell">Size</Th>
              <Th>Last run</Th>
              <Th className="text-right">Pass rate</Th>
              <Th className="hidden sm:table-cell">Trend</Th>
              <Th className="w-px">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </THead>
          <tbody>
            {rows.map((s) => (
              <SuiteRow
                key={s.id}
                suite={s}
                project={project}
                canWrite={canWrite}
                onRun={() => setRunning(s.id)}
              />
            ))}
          </tbody>
        </Table>
      )}
      {running ? <RunDialog suiteId={running} open onClose={() => setRunning(null)} /> : null}
      <SuiteFormDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function SuiteRow({
  suite: s,
  project,
  canWrite,
  onRun,
}: {
  suite: Suite;
  project: string;
  canWrite: boolean;
  onRun: () => void;
}) {
  return (
    <Tr data-testid="suite-row">
      <Td className="max-w-md">
        <Link
          href={`/p/${project}/suites/${s.slug}`}
          className="font-medium text-zinc-900 hover:underline dark:text-zinc-100"
        >
          {s.name}
        </Link>
        <div className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="font-mono">{s.slug}</span>
          {s.labels.map((l) => (
            <span
              key={l}
              className="rounded bg-zinc-100 px-1.5 py-px text-[11px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
            >
              {l}
            </span>
          ))}
        </div>
      </Td>
      <Td className="hidden text-zinc-600 tabular lg:table-cell dark:text-zinc-400">
        {s.scenario_count} × {s.target_count}
        {s.repeat_count > 1 ? ` × ${s.repeat_count}` : ""}
        <span className="ml-1 text-xs text-zinc-400">
          = {formatNumber(s.scenario_count * s.target_count * s.repeat_count)} run
          {s.scenario_count * s.target_count * s.repeat_count === 1 ? "" : "s"}
        </span>
      </Td>
      <Td>
        {s.last_run ? (
          <Link
            href={`/p/${project}/runs/${s.last_run.id}`}
            className="inline-flex items-center gap-2 hover:underline"
          >
            <StatusBadge status={s.last_run.status} />
            <RelativeTime
              iso={s.last_run.created_at}
              className="text-xs text-zinc-500 dark:text-zinc-400"
            />
          </Link>
        ) : (
          <span className="text-xs text-zinc-400">never run</span>
        )}
      </Td>
      <Td className="text-right">
        {s.last_run && !isTerminalStatus(s.last_run.status) ? (
          <span className="text-xs text-zinc-400">in progress</span>
        ) : (
          <PassRate rate={s.last_run?.pass_rate} threshold={s.pass_threshold} />
        )}
        <div className="text-[11px] text-zinc-400 tabular">
          gate {formatPercent(s.pass_threshold)}
        </div>
      </Td>
      <Td className="hidden sm:table-cell">
        <Sparkline values={s.trend} threshold={s.pass_threshold} />
      </Td>
      <Td className="text-right">
        {canWrite ? (
          <Button
            size="sm"
            icon={<IconPlay size={12} />}
            onClick={onRun}
            aria-label={`Run ${s.name}`}
          >
            Run
          </Button>
        ) : null}
      </Td>
    </Tr>
  );
}
