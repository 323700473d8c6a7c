"use client";

import { useSuiteRunList } from "@/lib/client/hooks/suite-runs";
import { useSuites } from "@/lib/client/hooks/suites";
import { useProjectSlug } from "@/lib/client/project";
import { useUrlParams } from "@/lib/client/use-url-state";
import { Button, ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/layout";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { IconRuns } from "@/components/ui/icons";
import { SuiteRunsTable } from "@/components/runs/suite-runs-table";

const STATUSES = ["queued", "running", "passed", "failed", "error", "cancelled"];
const TRIGGERS = ["ui", "api", "cli", "ci", "schedule", "batch", "resubmit"];

export function RunsListView() {
  const project = useProjectSlug();
  const { params, set } = useUrlParams();
  const filters = {
    suite_id: params.get("suite") ?? undefined,
    status: params.get("status") ?? undefined,
    trigger: params.get("trigger") ?? undefined,
  };
  const runs = useSuiteRunList(filters);
  const suites = useSuites({});
  const rows = runs.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = !!(filters.suite_id || filters.status || filters.trigger);

  return (
    <div>
      <PageHeader title="Runs" description="Every suite run in this project, newest first." />
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <Select
          aria-label="Suite"
          value={filters.suite_id ?? ""}
          onChange={(e) => set({ suite: e.target.value || null })}
          className="w-56"
        >
          <option value="">All suites</option>
          {suites.data?.data.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Status"
          value={filters.status ?? ""}
          onChange={(e) => set({ status: e.target.value || null })}
          className="w-36"
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Trigger"
          value={filters.trigger ?? ""}
          onChange={(e) => set({ trigger: e.target.value || null })}
          className="w-36"
        >
          <option value="">Any trigger</option>
          {TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </div>
      {runs.isPending ? (
        <LoadingRows />
      ) : runs.isError ? (
        <ErrorState
          error={runs.error}
          title="Could not load runs"
          onRetry={() => void runs.refetch()}
        />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No runs match these filters"
            action={
              <Button onClick={() => set({ suite: null, status: null, trigger: null })}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            icon={<IconRuns size={28} />}
            title="No runs yet"
            action={
              <ButtonLink href={`/p/${project}/suites`} variant="primary">
                Go to suites
              </ButtonLink>
            }
          >
            Start a run from a suite, or trigger one from CI with an API key.
          </EmptyState>
        )
      ) : (
        <>
          <SuiteRunsTable runs={rows} project={project} />
          {runs.hasNextPage ? (
            <div className="mt-3 flex justify-center">
              <Button onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
