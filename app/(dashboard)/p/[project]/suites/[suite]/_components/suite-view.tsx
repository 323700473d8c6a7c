"use client";

import Link from "next/link";
import { useState } from "react";
import { useSuite, useSuiteHistory } from "@/lib/client/hooks/suites";
import { useCanWrite, useProjectSlug } from "@/lib/client/project";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/layout";
import { EmptyState, ErrorState, LoadingRows, Skeleton } from "@/components/ui/states";
import { IconChevronLeft, IconChevronRight, IconPlay } from "@/components/ui/icons";
import { formatNumber, formatPercent } from "@/components/ui/format";
import { PassRateChart } from "@/components/suites/pass-rate-chart";
import { RunDialog } from "@/components/suites/run-dialog";
import { SuiteFormDialog } from "@/components/suites/suite-form-dialog";
import { SuiteRunsTable } from "@/components/runs/suite-runs-table";
import { ArchiveDialog, SuiteMenu } from "./suite-actions";

const PAGE_SIZE = 20;
const LIST_LIMIT = 200; // scenarios listed in the sidebar; suites can hold tens of thousands

export function SuiteView({ idOrSlug }: { idOrSlug: string }) {
  const project = useProjectSlug();
  const canWrite = useCanWrite();
  const suite = useSuite(idOrSlug);
  const [page, setPage] = useState(1);
  const history = useSuiteHistory(idOrSlug, page, PAGE_SIZE);
  const chart = useSuiteHistory(idOrSlug, 1, 50);
  const [dialog, setDialog] = useState<"run" | "edit" | "archive" | null>(null);

  if (suite.isPending) {
    return (
      <div className="space-y-4">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (suite.isError)
    return (
      <ErrorState
        error={suite.error}
        title="Could not load this suite"
        onRetry={() => void suite.refetch()}
      />
    );
  const s = suite.data;
  const activeScenarios = s.scenarios.filter((x) => !x.archived).length;
  const activeTargets = s.targets.filter((x) => !x.archived).length;

  return (
    <div>
      <PageHeader
        breadcrumbs={
          <Link
            href={`/p/${project}/suites`}
            className="hover:text-zinc-900 dark:hover:text-zinc-100"
          >
            Suites
          </Link>
        }
        title={
          <span className="flex items-center gap-2">
            {s.name}
            {s.archived ? <Badge>archived</Badge> : null}
          </span>
        }
        description={s.description ?? undefined}
        meta={
          <>
            <span className="font-mono text-[12.5px]">{s.slug}</span>
            {s.labels.map((l) => (
              <Badge key={l}>{l}</Badge>
            ))}
          </>
        }
        actions={
          canWrite ? (
            <>
              <SuiteMenu
                suite={s}
                onEdit={() => setDialog("edit")}
                onArchive={() => setDialog("archive")}
              />
              <Button
                variant="primary"
                icon={<IconPlay size={12} />}
                onClick={() => setDialog("run")}
                disabled={s.archived}
                data-testid="run-suite"
              >
                Run
              </Button>
            </>
          ) : null
        }
      />

      <dl className="mb-5 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 sm:grid-cols-4 dark:border-zinc-800 dark:bg-zinc-800">
        {[
          [
            "Last run",
            s.last_run ? (
              <span className="flex items-center gap-2">
                {formatPercent(s.last_run.pass_rate)}
                <span className="text-xs font-normal text-zinc-500">{s.last_run.status}</span>
              </span>
            ) : (
              "never"
            ),
          ],
          ["Gate", `pass rate ≥ ${formatPercent(s.pass_threshold)}`],
          [
            "Each run",
            `${activeScenarios} × ${activeTargets} × ${s.repeat_count} = ${formatNumber(activeScenarios * activeTargets * s.repeat_count)} runs`,
          ],
          [
            "Concurrency",
            s.max_concurrency ? `at most ${s.max_concurrency} at once` : "no suite limit",
          ],
        ].map(([label, value]) => (
          <div key={String(label)} className="bg-white px-4 py-3 dark:bg-zinc-900">
            <dt className="text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {label}
            </dt>
            <dd className="mt-0.5 text-[14px] font-medium tabular">{value}</dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_320px]">
        <div className="min-w-0 space-y-5">
          <Section
            title="Pass rate over time"
            description="The last 50 runs (resubmits excluded); click a point to open it."
          >
            <div className="px-2 py-3">
              {chart.isPending ? (
                <Skeleton className="h-40 w-full" />
              ) : chart.isError ? (
                <ErrorState error={chart.error} />
              ) : (
                <PassRateChart
                  runs={chart.data.data}
                  threshold={s.pass_threshold}
                  project={project}
                />
              )}
            </div>
          </Section>
          <div>
            <div className="mb-2 flex items-center justify-between">
              <h2 className="text-[13px] font-semibold">Run history</h2>
              {history.data && history.data.pagination.total > PAGE_SIZE ? (
                <div className="flex items-center gap-2 text-[12.5px] text-zinc-500 tabular">
                  {(page - 1) * PAGE_SIZE + 1}–
                  {Math.min(page * PAGE_SIZE, history.data.pagination.total)} of{" "}
                  {formatNumber(history.data.pagination.total)}
                  <Button
                    size="xs"
                    aria-label="Newer runs"
                    disabled={page === 1}
                    onClick={() => setPage((p) => p - 1)}
                  >
                    <IconChevronLeft size={12} />
                  </Button>
                  <Button
                    size="xs"
                    aria-label="Older runs"
                    disabled={!history.data.pagination.hasMore}
                    onClick={() => setPage((p) => p + 1)}
                  >
                    <IconChevronRight size={12} />
                  </Button>
                </div>
              ) : null}
            </div>
            {history.isPending ? (
              <LoadingRows rows={3} />
            ) : history.isError ? (
              <ErrorState
                error={history.error}
                title="Could not load the history"
                onRetry={() => void history.refetch()}
              />
            ) : history.data.data.length === 0 ? (
              <EmptyState
                title="Never run"
                action={
                  canWrite && !s.archived ? (
                    <Button variant="primary" onClick={() => setDialog("run")}>
                      Run it now
                    </Button>
                  ) : null
                }
              >
                Runs of this suite will be listed here with their verdicts.
              </EmptyState>
            ) : (
              <SuiteRunsTable runs={history.data.data} project={project} showSuite={false} />
            )}
          </div>
        </div>
        <aside className="space-y-5">
          <Section title={`Scenarios · ${s.scenarios.length}`}>
            <ul className="max-h-80 divide-y divide-zinc-100 overflow-y-auto text-[13px] dark:divide-zinc-800">
              {s.scenarios.slice(0, LIST_LIMIT).map((sc) => (
                <li key={sc.id} className="flex items-center justify-between gap-2 px-4 py-1.5">
                  <Link
                    href={`/p/${project}/scenarios?edit=${sc.id}`}
                    className={
                      sc.archived
                        ? "truncate text-zinc-400 line-through"
                        : "truncate hover:underline"
                    }
                  >
                    {sc.name}
                  </Link>
                  {sc.archived ? <Badge>archived</Badge> : null}
                </li>
              ))}
              {s.scenarios.length > LIST_LIMIT ? (
                <li className="px-4 py-1.5 text-xs text-zinc-500">
                  and {formatNumber(s.scenarios.length - LIST_LIMIT)} more —{" "}
                  <Link href={`/p/${project}/scenarios`} className="underline">
                    see all
                  </Link>
                </li>
              ) : null}
            </ul>
          </Section>
          <Section title={`Targets · ${s.targets.length}`}>
            <ul className="divide-y divide-zinc-100 text-[13px] dark:divide-zinc-800">
              {s.targets.map((t) => (
                <li key={t.id} className="flex items-center justify-between gap-2 px-4 py-1.5">
                  <Link
                    href={`/p/${project}/targets?edit=${t.id}`}
                    className={
                      t.archived
                        ? "truncate text-zinc-400 line-through"
                        : "truncate hover:underline"
                    }
                  >
                    {t.name}
                  </Link>
                  <span className="font-mono text-xs text-zinc-500">{t.type}</span>
                </li>
              ))}
            </ul>
          </Section>
          <Section
            title="Settings"
            actions={
              canWrite ? (
                <Button size="xs" variant="ghost" onClick={() => setDialog("edit")}>
                  Edit
                </Button>
              ) : null
            }
          >
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 px-4 py-3 text-[13px]">
              <dt className="text-zinc-500">Gate</dt>
              <dd className="tabular">≥ {formatPercent(s.pass_threshold)}</dd>
              <dt className="text-zinc-500">Repeats</dt>
              <dd className="tabular">{s.repeat_count}</dd>
              <dt className="text-zinc-500">Concurrency</dt>
              <dd className="tabular">{s.max_concurrency ?? "—"}</dd>
              <dt className="text-zinc-500">Schedule</dt>
              <dd className="font-mono text-[12px]">
                {s.schedule ? `${s.schedule.cron} (${s.schedule.timezone})` : "—"}
              </dd>
              <dt className="text-zinc-500">Id</dt>
              <dd className="truncate font-mono text-[12px]">{s.id}</dd>
            </dl>
          </Section>
        </aside>
      </div>

      {dialog === "run" ? <RunDialog suiteId={s.id} open onClose={() => setDialog(null)} /> : null}
      <SuiteFormDialog open={dialog === "edit"} onClose={() => setDialog(null)} suite={s} />
      <ArchiveDialog suite={s} open={dialog === "archive"} onClose={() => setDialog(null)} />
    </div>
  );
}
