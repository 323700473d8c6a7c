"use client";

import type { RunStatus, SuiteDetail } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { Segmented } from "@/components/ui/layout";
import { SearchInput } from "@/components/ui/search-input";
import { STATUS_META } from "@/components/runs/status";

const STATUSES: RunStatus[] = ["passed", "failed", "error", "cancelled", "running", "queued"];

export type GroupBy = "none" | "scenario" | "target";

export function RunFilters({
  statuses,
  onStatuses,
  scenarioId,
  onScenario,
  targetId,
  onTarget,
  q,
  onQ,
  groupBy,
  onGroupBy,
  suite,
}: {
  statuses: string[];
  onStatuses: (next: string[]) => void;
  scenarioId: string;
  onScenario: (id: string) => void;
  targetId: string;
  onTarget: (id: string) => void;
  q: string;
  onQ: (q: string) => void;
  groupBy: GroupBy;
  onGroupBy: (g: GroupBy) => void;
  suite: SuiteDetail | undefined;
}) {
  return (
    <div className="mb-2 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div
          className="flex flex-wrap items-center gap-1"
          role="group"
          aria-label="Filter by status"
        >
          {STATUSES.map((s) => {
            const on = statuses.includes(s);
            return (
              <button
                key={s}
                type="button"
                aria-pressed={on}
                data-testid={`filter-${s}`}
                onClick={() => onStatuses(on ? statuses.filter((x) => x !== s) : [...statuses, s])}
                className={cn(
                  "inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-[12.5px] transition-colors",
                  on
                    ? "border-zinc-400 bg-zinc-100 font-medium text-zinc-900 dark:border-zinc-500 dark:bg-zinc-800 dark:text-white"
                    : "border-zinc-200 text-zinc-600 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800/60",
                )}
              >
                <span
                  className={cn("h-2 w-2 rounded-full", STATUS_META[s].dot)}
                  aria-hidden="true"
                />
                {STATUS_META[s].label}
              </button>
            );
          })}
          {statuses.length > 0 ? (
            <button
              type="button"
              onClick={() => onStatuses([])}
              className="h-7 px-1.5 text-[12.5px] text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100"
            >
              Clear
            </button>
          ) : null}
        </div>
        <div className="ml-auto flex items-center gap-2">
          <Segmented<GroupBy>
            label="Group runs by"
            value={groupBy}
            onChange={onGroupBy}
            options={[
              { value: "none", label: "Ungrouped" },
              ...(suite
                ? [
                    { value: "scenario" as const, label: "By scenario" },
                    { value: "target" as const, label: "By target" },
                  ]
                : []),
            ]}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {/* Very long lists are searched by name instead of picked from a select. */}
        {suite && suite.scenarios.length > 1 && suite.scenarios.length <= 500 ? (
          <Select
            aria-label="Filter by scenario"
            value={scenarioId}
            onChange={(e) => onScenario(e.target.value)}
            className="h-7 w-56 text-[12.5px]"
          >
            <option value="">All scenarios</option>
            {suite.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        ) : null}
        {suite && suite.targets.length > 1 && suite.targets.length <= 500 ? (
          <Select
            aria-label="Filter by target"
            value={targetId}
            onChange={(e) => onTarget(e.target.value)}
            className="h-7 w-44 text-[12.5px]"
          >
            <option value="">All targets</option>
            {suite.targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        ) : null}
        <SearchInput
          value={q}
          onChange={(e) => onQ(e.target.value)}
          placeholder="Scenario name"
          aria-label="Search by scenario name"
          className="w-56 [&_input]:h-7"
        />
      </div>
    </div>
  );
}
