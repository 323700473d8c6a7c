"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useSuiteRun } from "@/lib/client/hooks/suite-runs";
import { useSuiteRunEvents, type LiveConnection } from "@/lib/client/hooks/suite-run-events";
import { useSuite } from "@/lib/client/hooks/suites";
import { useCurrentUser, useProjectSlug } from "@/lib/client/project";
import { useDebounced, useUrlParams } from "@/lib/client/use-url-state";
import type { ChildRunFilters } from "@/lib/client/keys";
import { isTerminalStatus, type SuiteRun } from "@/lib/client/types";
import { Badge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { PageHeader } from "@/components/ui/layout";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { RelativeTime } from "@/components/ui/time";
import { shortId } from "@/components/ui/format";
import { cn } from "@/components/ui/cn";
import {
  Elapsed,
  GateMeter,
  GateVerdict,
  ProgressBar,
  StatusCounts,
} from "@/components/runs/progress";
import { RunDetailView } from "@/components/runs/run-detail";
import { RunsTable, type Section } from "@/components/runs/runs-table";
import { RunActions } from "./run-actions";
import { RunFilters, type GroupBy } from "./run-filters";
import { RunLineage } from "./run-lineage";

function LiveIndicator({ connection, run }: { connection: LiveConnection; run: SuiteRun }) {
  if (isTerminalStatus(run.status))
    return <span className="text-zinc-500 dark:text-zinc-400">Final</span>;
  const text =
    connection === "live" ? "Live" : connection === "polling" ? "Polling" : "Connecting…";
  return (
    <span
      className="inline-flex items-center gap-1.5"
      data-testid="live-indicator"
      data-connection={connection}
      title={
        connection === "polling"
          ? "The live stream is unavailable; refreshing every few seconds"
          : "Updates stream in as runs finish"
      }
    >
      <span
        className={cn(
          "h-1.5 w-1.5 rounded-full",
          connection === "live"
            ? "animate-pulse bg-emerald-500"
            : connection === "polling"
              ? "bg-amber-500"
              : "bg-zinc-400",
        )}
      />
      {text}
    </span>
  );
}

/** Who started the run, readable: a key by its name, a user by name (ids shortened). */
function actorName(actor: NonNullable<SuiteRun["triggered_by"]>, me: string | null): string {
  if (actor.type === "api_key") return `key “${actor.name}”`;
  if (me && actor.id === me) return "you";
  return /^[a-z]+_[0-9a-z]{26}$/.test(actor.name) ? `user ${shortId(actor.name)}` : actor.name;
}

function TriggerMeta({ run }: { run: SuiteRun }) {
  const me = useCurrentUser()?.id ?? null;
  const meta = run.trigger_meta ?? {};
  const entries = (["branch", "commit", "pr", "url"] as const).filter(
    (k) => meta[k] !== undefined && meta[k] !== null,
  );
  return (
    <>
      <Badge tone="accent">{run.trigger}</Badge>
      {run.triggered_by?.name ? <span>by {actorName(run.triggered_by, me)}</span> : null}
      {entries.map((k) =>
        k === "url" ? (
          <a
            key={k}
            href={String(meta[k])}
            target="_blank"
            rel="noreferrer noopener"
            className="text-accent-700 hover:underline dark:text-accent-400"
          >
            CI link
          </a>
        ) : (
          <span key={k} className="font-mono text-[12px]">
            {k} {k === "commit" ? String(meta[k]).slice(0, 10) : String(meta[k])}
          </span>
        ),
      )}
    </>
  );
}

export function SuiteRunView({ id }: { id: string }) {
  const project = useProjectSlug();
  const query = useSuiteRun(id);
  const run = query.data;
  const connection = useSuiteRunEvents(id, !!run);
  const suite = useSuite(run?.suite_id ?? "");
  const suiteData = run?.suite_id ? suite.data : undefined;
  const { params, set } = useUrlParams();

  const statuses = (params.get("status") ?? "").split(",").filter(Boolean);
  const scenarioId = params.get("scenario") ?? "";
  const targetId = params.get("target") ?? "";
  const groupBy = (params.get("group") as GroupBy | null) ?? "none";
  const openRunId = params.get("case");
  const [qInput, setQInput] = useState(params.get("q") ?? "");
  const q = useDebounced(qInput.trim(), 300);

  const filters: ChildRunFilters = useMemo(
    () => ({
      ...(statuses.length ? { status: statuses.join(",") } : {}),
      ...(scenarioId ? { scenario_id: scenarioId } : {}),
      ...(targetId ? { target_id: targetId } : {}),
      ...(q ? { q } : {}),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- statuses is derived from the URL string
    [params.get("status"), scenarioId, targetId, q],
  );
  const filtered = Object.keys(filters).length > 0;
  const sections: Section[] = useMemo(() => {
    if (groupBy === "scenario" && suiteData) {
      return suiteData.scenarios
        .filter((s) => !scenarioId || s.id === scenarioId)
        .map((s) => ({ key: s.id, label: s.name, filters: { ...filters, scenario_id: s.id } }));
    }
    if (groupBy === "target" && suiteData) {
      return suiteData.targets
        .filter((t) => !targetId || t.id === targetId)
        .map((t) => ({ key: t.id, label: t.name, filters: { ...filters, target_id: t.id } }));
    }
    return [{ key: "all", label: null, filters }];
  }, [groupBy, suiteData, filters, scenarioId, targetId]);
  const grouped = sections.length > 0 && sections[0].label !== null;

  if (query.isPending) {
    return (
      <div className="space-y-4" aria-busy="true">
        <Skeleton className="h-8 w-80" />
        <Skeleton className="h-32 w-full" />
        <Skeleton className="h-96 w-full" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorState
        error={query.error}
        title={
          query.error && "status" in query.error && query.error.status === 404
            ? "This suite run does not exist in this project"
            : "Could not load the suite run"
        }
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (!run) return null;

  const onStatusCount = (status: string) => {
    const s = status === "pending" ? ["queued", "running"] : [status];
    const same = s.every((x) => statuses.includes(x)) && statuses.length === s.length;
    set({ status: same ? null : s.join(",") });
  };

  return (
    <div>
      <PageHeader
        breadcrumbs={
          <nav aria-label="Breadcrumb" className="flex items-center gap-1.5">
            <Link
              href={`/p/${project}/runs`}
              className="hover:text-zinc-900 dark:hover:text-zinc-100"
            >
              Runs
            </Link>
            <span aria-hidden="true">/</span>
            {run.suite_id ? (
              <Link
                href={`/p/${project}/suites/${run.suite_id}`}
                className="hover:text-zinc-900 dark:hover:text-zinc-100"
              >
                {run.suite_name}
              </Link>
            ) : (
              <span>Ad-hoc batch</span>
            )}
          </nav>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span>{run.suite_name ?? "Batch run"}</span>
            <span className="inline-flex items-center font-mono text-[13px] font-normal text-zinc-500">
              {run.id}
              <CopyButton value={run.id} label="Copy suite run id" className="h-6" />
            </span>
          </span>
        }
        meta={
          <>
            <span>
              Started <RelativeTime iso={run.created_at} />
            </span>
            <TriggerMeta run={run} />
            <RunLineage run={run} />
          </>
        }
        actions={<RunActions run={run} />}
      />

      <section
        aria-label="Progress"
        className="mb-5 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900/40"
        data-testid="progress"
      >
        <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-3">
            <GateVerdict run={run} />
            <span
              className="text-[13px] text-zinc-600 tabular dark:text-zinc-300"
              data-testid="completed-count"
            >
              <strong data-value={run.total_runs - run.pending_count}>
                {(run.total_runs - run.pending_count).toLocaleString("en-US")}
              </strong>{" "}
              of {run.total_runs.toLocaleString("en-US")} finished
            </span>
          </div>
          <div className="flex items-center gap-4 text-[12.5px] text-zinc-500 dark:text-zinc-400">
            <span>
              {isTerminalStatus(run.status) ? "Took" : "Elapsed"} <Elapsed run={run} />
            </span>
            <LiveIndicator connection={connection} run={run} />
          </div>
        </div>
        <ProgressBar run={run} />
        <div className="mt-3 grid items-end gap-4 lg:grid-cols-[1fr_minmax(260px,340px)]">
          <StatusCounts run={run} active={statuses} onSelect={onStatusCount} />
          <GateMeter run={run} />
        </div>
      </section>

      <RunFilters
        statuses={statuses}
        onStatuses={(next) => set({ status: next.join(",") || null })}
        scenarioId={scenarioId}
        onScenario={(v) => set({ scenario: v || null })}
        targetId={targetId}
        onTarget={(v) => set({ target: v || null })}
        q={qInput}
        onQ={(v) => {
          setQInput(v);
          set({ q: v.trim() || null });
        }}
        groupBy={groupBy}
        onGroupBy={(g) => set({ group: g === "none" ? null : g })}
        suite={suiteData}
      />
      <RunsTable
        suiteRunId={run.id}
        sections={sections}
        grouped={grouped}
        knownTotal={!filtered && !grouped ? run.total_runs : null}
        activeRunId={openRunId}
        onOpen={(r) => set({ case: r.id })}
      />

      <Dialog
        side
        open={!!openRunId}
        onClose={() => set({ case: null })}
        title="Run"
        description={openRunId ? <span className="font-mono">{openRunId}</span> : undefined}
      >
        {openRunId ? <RunDetailView runId={openRunId} suiteRunId={run.id} inPanel /> : null}
      </Dialog>
    </div>
  );
}
