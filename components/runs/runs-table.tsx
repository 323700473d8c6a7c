"use client";

import { useQueries, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { childPageQuery } from "@/lib/client/hooks/suite-runs";
import { suiteRunKeys, type ChildRunFilters } from "@/lib/client/keys";
import { fetchJson, qs } from "@/lib/client/fetch";
import { useProjectSlug } from "@/lib/client/project";
import { useDebounced } from "@/lib/client/use-url-state";
import type { ChildRunsPage, RunSummary } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/components/ui/format";
import { IconChevronDown, IconChevronRight } from "@/components/ui/icons";
import { RUN_GRID as GRID, RunRow } from "./run-row";

export const PAGE_SIZE = 100;
const ROW_HEIGHT = 36;

export type Section = { key: string; label: string | null; filters: ChildRunFilters };

type Item =
  | { kind: "header"; section: number }
  | { kind: "row"; section: number; offset: number }
  | { kind: "loading"; section: number }
  | { kind: "empty"; section: number };

function countQuery(project: string, suiteRunId: string, filters: ChildRunFilters) {
  return {
    queryKey: suiteRunKeys.childCount(suiteRunId, filters),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchJson<ChildRunsPage>(
        `/api/v1/suite-runs/${encodeURIComponent(suiteRunId)}/runs${qs({ ...filters, limit: 1 })}`,
        { project, signal },
      ).then((p) => p.total),
    staleTime: 10_000,
  };
}

/**
 * The child runs of a suite run, virtualized: only visible rows exist in the DOM and only the pages
 * (100 rows, by offset) under the viewport are fetched, so 150,000 runs scroll like 15. Sections
 * (one per scenario or target when grouped) collapse; their counts load when needed.
 */
export function RunsTable({
  suiteRunId,
  sections,
  grouped,
  knownTotal,
  activeRunId,
  onOpen,
}: {
  suiteRunId: string;
  sections: Section[];
  grouped: boolean;
  /** Total of an unfiltered, ungrouped table (from the suite run itself: no count request needed). */
  knownTotal: number | null;
  activeRunId: string | null;
  onOpen: (run: RunSummary) => void;
}) {
  const project = useProjectSlug();
  const client = useQueryClient();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [cursor, setCursor] = useState(0);
  const [visibleHeaders, setVisibleHeaders] = useState<number[]>([]);

  // Few groups open by default; many stay collapsed so the page opens instantly.
  const sectionKeys = sections.map((s) => s.key).join("|");
  useEffect(() => {
    setExpanded(grouped && sections.length <= 12 ? new Set(sections.map((s) => s.key)) : new Set());
    setCursor(0);
    scrollRef.current?.scrollTo({ top: 0 });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when the set of sections changes
  }, [sectionKeys, grouped]);

  const isOpen = (s: Section) => !grouped || expanded.has(s.key);
  // Counts only for sections that need one (open, or a header in view): 10,000 groups stay cheap.
  const counted = sections
    .map((_, i) => i)
    .filter((i) =>
      !grouped && knownTotal !== null ? false : isOpen(sections[i]) || visibleHeaders.includes(i),
    );
  const countResults = useQueries({
    queries: counted.map((i) => countQuery(project, suiteRunId, sections[i].filters)),
  });
  const countData = new Map(counted.map((i, k) => [i, countResults[k]?.data]));
  const countOf = (i: number): number | undefined =>
    !grouped && knownTotal !== null ? knownTotal : countData.get(i);
  const countsKey = counted.map((i) => `${i}:${countData.get(i) ?? ""}`).join(",");

  // Layout: where each section starts among the virtual items.
  const layout = useMemo(() => {
    const starts: number[] = [];
    let total = 0;
    sections.forEach((s, i) => {
      starts.push(total);
      const open = !grouped || expanded.has(s.key);
      const count = countOf(i);
      total += (grouped ? 1 : 0) + (open ? (count === undefined ? 1 : Math.max(1, count)) : 0);
    });
    return { starts, total };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- countOf reads countData, keyed by countsKey
  }, [sections, grouped, expanded, knownTotal, countsKey]);

  const itemAt = (index: number): Item => {
    let lo = 0;
    let hi = layout.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (layout.starts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    const section = lo;
    let offset = index - layout.starts[section];
    if (grouped) {
      if (offset === 0) return { kind: "header", section };
      offset -= 1;
    }
    const count = countOf(section);
    if (count === undefined) return { kind: "loading", section };
    if (count === 0) return { kind: "empty", section };
    return { kind: "row", section, offset };
  };

  const virtualizer = useVirtualizer({
    count: layout.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();

  // Pages under the viewport, settled for a moment so a fast scroll does not request every page it passes.
  const wanted = new Set<string>();
  const headersInView: number[] = [];
  for (const v of virtualItems) {
    const item = itemAt(v.index);
    if (item.kind === "row") wanted.add(`${item.section}:${Math.floor(item.offset / PAGE_SIZE)}`);
    if (item.kind === "header") headersInView.push(item.section);
  }
  const wantedKey = [...wanted].sort().join(",");
  const settledKey = useDebounced(wantedKey, 90);
  const headersKey = headersInView.join(",");
  useEffect(() => {
    setVisibleHeaders(headersKey ? headersKey.split(",").map(Number) : []);
  }, [headersKey]);

  const pageRequests = (settledKey ? settledKey.split(",") : []).map((k) => {
    const [section, page] = k.split(":").map(Number);
    return { section, page };
  });
  useQueries({
    queries: pageRequests
      .filter((r) => sections[r.section])
      .map((r) =>
        childPageQuery(project, suiteRunId, sections[r.section].filters, r.page, PAGE_SIZE),
      ),
  });

  const rowAt = (section: number, offset: number): RunSummary | undefined => {
    const page = Math.floor(offset / PAGE_SIZE);
    const data = client.getQueryData<ChildRunsPage>(
      suiteRunKeys.childPage(suiteRunId, sections[section].filters, page, PAGE_SIZE),
    );
    return data?.data[offset % PAGE_SIZE];
  };

  const toggle = (key: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const activate = (index: number) => {
    const item = itemAt(index);
    if (item.kind === "header") toggle(sections[item.section].key);
    if (item.kind === "row") {
      const run = rowAt(item.section, item.offset);
      if (run) onOpen(run);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = (delta: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(layout.total - 1, cursor + delta));
      setCursor(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
    };
    if (e.key === "j" || e.key === "ArrowDown") move(1);
    else if (e.key === "k" || e.key === "ArrowUp") move(-1);
    else if (e.key === "PageDown") move(15);
    else if (e.key === "PageUp") move(-15);
    else if (e.key === "Home") move(-layout.total);
    else if (e.key === "End") move(layout.total);
    else if (e.key === "Enter" || e.key === "o") {
      e.preventDefault();
      activate(cursor);
    }
  };

  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800">
      <div
        role="row"
        className={cn(
          "grid h-8 items-center gap-3 border-b border-zinc-200 bg-zinc-50/80 px-3 text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400",
          GRID,
        )}
      >
        <span role="columnheader">Status</span>
        <span role="columnheader">Scenario</span>
        <span role="columnheader">Target</span>
        <span role="columnheader" className="text-right">
          Rep.
        </span>
        <span role="columnheader" className="text-right">
          Latency
        </span>
        <span role="columnheader">Error</span>
      </div>
      <div
        ref={scrollRef}
        role="table"
        aria-label="Runs"
        aria-rowcount={layout.total}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="runs-table"
        className="group/table scrollbar-thin relative max-h-[max(420px,calc(100dvh-330px))] overflow-y-auto outline-none focus-visible:ring-2 focus-visible:ring-accent-500/40 focus-visible:ring-inset"
      >
        <div
          style={{ height: virtualizer.getTotalSize() }}
          className="relative w-full"
          role="rowgroup"
        >
          {virtualItems.map((v) => {
            const item = itemAt(v.index);
            const focused = v.index === cursor;
            const style = { transform: `translateY(${v.start}px)`, height: ROW_HEIGHT };
            const base = cn(
              "absolute inset-x-0 top-0 flex items-center border-b border-zinc-100 px-3 text-[13px] dark:border-zinc-800/70",
              focused &&
                "group-focus-visible/table:bg-accent-50 group-focus-visible/table:ring-1 group-focus-visible/table:ring-accent-300 group-focus-visible/table:ring-inset dark:group-focus-visible/table:bg-accent-950/40 dark:group-focus-visible/table:ring-accent-800",
            );
            if (item.kind === "header") {
              const section = sections[item.section];
              const open = expanded.has(section.key);
              const count = countOf(item.section);
              return (
                <div
                  key={v.key}
                  role="row"
                  aria-rowindex={v.index + 1}
                  aria-expanded={open}
                  style={style}
                  className={cn(
                    base,
                    "cursor-pointer gap-2 bg-zinc-50 font-medium hover:bg-zinc-100 dark:bg-zinc-900/70 dark:hover:bg-zinc-800/70",
                  )}
                  onClick={() => (setCursor(v.index), toggle(section.key))}
                  data-testid="group-header"
                >
                  {open ? (
                    <IconChevronDown size={14} className="text-zinc-400" />
                  ) : (
                    <IconChevronRight size={14} className="text-zinc-400" />
                  )}
                  <span className="truncate">{section.label}</span>
                  <span className="text-xs font-normal text-zinc-500 tabular">
                    {count === undefined
                      ? "…"
                      : `${formatNumber(count)} run${count === 1 ? "" : "s"}`}
                  </span>
                </div>
              );
            }
            if (item.kind === "loading" || item.kind === "empty") {
              return (
                <div
                  key={v.key}
                  role="row"
                  style={style}
                  className={cn(base, "text-zinc-400", grouped && "pl-9")}
                >
                  {item.kind === "loading" ? (
                    <span className="h-3 w-40 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
                  ) : (
                    "No runs match."
                  )}
                </div>
              );
            }
            const run = rowAt(item.section, item.offset);
            return (
              <RunRow
                key={v.key}
                index={v.index}
                run={run}
                style={style}
                className={cn(base, grouped && "pl-9")}
                active={!!run && run.id === activeRunId}
                focused={focused}
                href={run ? `/p/${project}/runs/${suiteRunId}/cases/${run.id}` : undefined}
                onOpen={(r) => (setCursor(v.index), onOpen(r))}
              />
            );
          })}
        </div>
      </div>
      <div className="flex h-8 items-center justify-between border-t border-zinc-200 bg-zinc-50/60 px-3 text-[12px] text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900/40 dark:text-zinc-400">
        <span className="tabular" data-testid="table-total">
          {grouped
            ? `${formatNumber(sections.length)} group${sections.length === 1 ? "" : "s"}`
            : countOf(0) === undefined
              ? "Counting…"
              : `${formatNumber(countOf(0)!)} run${countOf(0) === 1 ? "" : "s"}`}
        </span>
        <span className="hidden sm:inline">
          <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> to move ·{" "}
          <kbd className="font-mono">Enter</kbd> to open
        </span>
      </div>
    </div>
  );
}
