"use client";

import { useEffect, useRef, useState } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch";
import { runKeys, suiteKeys, suiteRunKeys } from "../keys";
import { useProjectSlug } from "../project";
import {
  isTerminalStatus,
  type ChildRunsPage,
  type RunSummary,
  type SuiteRun,
  type SuiteRunDetail,
} from "../types";

export type LiveConnection = "connecting" | "live" | "polling" | "done";

type Progress = {
  completed: number;
  total: number;
  passed_count: number;
  failed_count: number;
  errored_count: number;
  cancelled_count: number;
  pending_count?: number;
  status?: SuiteRun["status"];
};

const FLUSH_MS = 200; // batch run.completed events: one cache write per frame-ish, not per event
const REFRESH_FILTERED_MS = 1500; // filtered pages (status=failed…) change membership: refetch, throttled
const POLL_MS = 2500;
const RECONNECT_MS = 10_000;

/**
 * Live progress of a suite run: opens an EventSource on /api/v1/suite-runs/{id}/events and writes
 * snapshot / progress / run.completed / suite_run.completed into the react-query cache. When the
 * stream cannot be opened or drops for good, it polls instead (and retries the stream now and then);
 * polling stops by itself at a terminal status.
 */
export function useSuiteRunEvents(id: string, enabled = true): LiveConnection {
  const project = useProjectSlug();
  const client = useQueryClient();
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const terminalRef = useRef(false);

  useEffect(() => {
    if (!enabled) return;
    terminalRef.current = isTerminalStatus(
      client.getQueryData<SuiteRunDetail>(suiteRunKeys.detail(id))?.status,
    );
    if (terminalRef.current) {
      setConnection("done");
      return;
    }
    let source: EventSource | null = null;
    let pollTimer: ReturnType<typeof setInterval> | null = null;
    let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
    let disposed = false;
    const updates = new RunUpdateBuffer(client, id);

    const finish = () => {
      terminalRef.current = true;
      setConnection("done");
      source?.close();
      source = null;
      if (pollTimer) clearInterval(pollTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      updates.flush(true);
      void client.invalidateQueries({ queryKey: suiteRunKeys.children(id) });
      void client.invalidateQueries({ queryKey: suiteKeys.all });
      void client.invalidateQueries({ queryKey: suiteRunKeys.lists(project) });
    };

    const mergeRun = (patch: Partial<SuiteRun>, derive = false) => {
      client.setQueryData<SuiteRunDetail>(suiteRunKeys.detail(id), (old) => {
        const next = old ? { ...old, ...patch } : (patch as SuiteRunDetail);
        return derive ? withDerivedRates(next) : next;
      });
      if (isTerminalStatus(patch.status)) {
        finish();
        // The final row (gate verdict, completed_at, duration) is the server's word, not ours.
        void client.invalidateQueries({ queryKey: suiteRunKeys.detail(id) });
      }
    };

    const poll = async () => {
      if (disposed || terminalRef.current) return;
      try {
        const before = client.getQueryData<SuiteRunDetail>(suiteRunKeys.detail(id));
        const run = await fetchJson<SuiteRunDetail>(
          `/api/v1/suite-runs/${encodeURIComponent(id)}`,
          {
            project,
          },
        );
        if (disposed) return;
        client.setQueryData(suiteRunKeys.detail(id), run);
        if (doneCount(run) !== (before ? doneCount(before) : -1)) {
          void client.invalidateQueries({ queryKey: suiteRunKeys.children(id) });
        }
        if (isTerminalStatus(run.status)) finish();
      } catch {
        /* keep polling; the page shows the last known state */
      }
    };

    const startPolling = () => {
      if (disposed || terminalRef.current || pollTimer) return;
      setConnection("polling");
      pollTimer = setInterval(() => void poll(), POLL_MS);
      void poll();
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        if (disposed || terminalRef.current) return;
        if (pollTimer) clearInterval(pollTimer);
        pollTimer = null;
        connect();
      }, RECONNECT_MS);
    };

    const connect = () => {
      if (typeof EventSource === "undefined") return startPolling();
      setConnection("connecting");
      // EventSource cannot send headers: the project goes in the query string.
      source = new EventSource(
        `/api/v1/suite-runs/${encodeURIComponent(id)}/events${qs({ project })}`,
      );
      const on = <T>(event: string, handle: (data: T) => void) =>
        source!.addEventListener(event, (e) => {
          try {
            handle(JSON.parse((e as MessageEvent<string>).data) as T);
          } catch {
            /* a malformed frame is skipped; the next progress event repairs the counts */
          }
        });
      source.onopen = () => setConnection("live");
      on<SuiteRun>("snapshot", (run) => {
        setConnection("live");
        mergeRun(run);
      });
      on<Progress>("progress", (p) =>
        mergeRun(
          {
            passed_count: p.passed_count,
            failed_count: p.failed_count,
            errored_count: p.errored_count,
            cancelled_count: p.cancelled_count,
            pending_count: p.pending_count ?? p.total - p.completed,
            completed_count: p.completed,
            total_runs: p.total,
            ...(p.status ? { status: p.status } : {}),
          },
          true,
        ),
      );
      on<{ run_id: string }>("run.started", ({ run_id }) => updates.started(run_id));
      on<RunSummary>("run.completed", (run) => updates.completed(run));
      on<SuiteRun>("suite_run.completed", (run) => mergeRun(run));
      source.onerror = () => {
        if (terminalRef.current || disposed) return;
        // CLOSED: the server refused the stream (or ended it); CONNECTING: the browser retries itself.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          source = null;
          startPolling();
        } else {
          setConnection("connecting");
        }
      };
    };

    connect();
    return () => {
      disposed = true;
      source?.close();
      if (pollTimer) clearInterval(pollTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      updates.dispose();
    };
  }, [client, enabled, id, project]);

  return connection;
}

/** Progress events carry counts only: recompute the rates the page shows from them. */
function withDerivedRates<R extends SuiteRun>(run: R): R {
  const done = doneCount(run);
  const judged = run.passed_count + run.failed_count + run.errored_count;
  const denominator = run.total_runs - run.cancelled_count;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    ...run,
    completed_count: done,
    pending_count: run.total_runs - done,
    pass_rate: denominator > 0 ? round(run.passed_count / denominator) : 0,
    completed_pass_rate: judged > 0 ? round(run.passed_count / judged) : null,
  };
}

const doneCount = (r: SuiteRun) =>
  r.passed_count + r.failed_count + r.errored_count + r.cancelled_count;

/** Coalesces run.started / run.completed events into batched cache writes. */
class RunUpdateBuffer {
  private pending = new Map<string, Partial<RunSummary> & { id: string }>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastFilteredRefresh = 0;
  private filteredTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private client: QueryClient,
    private suiteRunId: string,
  ) {}

  started(runId: string) {
    if (!this.pending.has(runId)) this.pending.set(runId, { id: runId, status: "running" });
    this.schedule();
  }

  completed(run: RunSummary) {
    this.pending.set(run.id, run);
    this.schedule();
  }

  private schedule() {
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  flush(final = false) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const updates = this.pending;
    this.pending = new Map();
    const patch = <R extends { id: string }>(rows: R[]): R[] => {
      let changed = false;
      const next = rows.map((row) => {
        const update = updates.get(row.id);
        if (!update) return row;
        changed = true;
        return { ...row, ...update };
      });
      return changed ? next : rows;
    };
    this.client.setQueriesData<ChildRunsPage>(
      { queryKey: suiteRunKeys.children(this.suiteRunId) },
      (page) => (page && Array.isArray(page.data) ? { ...page, data: patch(page.data) } : page),
    );
    this.client.setQueryData<SuiteRunDetail>(suiteRunKeys.detail(this.suiteRunId), (old) =>
      old?.runs ? { ...old, runs: patch(old.runs) } : old,
    );
    for (const runId of updates.keys()) {
      if (this.client.getQueryData(runKeys.detail(runId))) {
        void this.client.invalidateQueries({ queryKey: runKeys.detail(runId) });
      }
    }
    this.refreshFiltered(final);
  }

  /** Pages filtered by status (or counts) gain and lose rows as runs finish: refetch, throttled. */
  private refreshFiltered(now: boolean) {
    const run = () => {
      this.filteredTimer = null;
      this.lastFilteredRefresh = Date.now();
      void this.client.invalidateQueries({
        queryKey: suiteRunKeys.children(this.suiteRunId),
        predicate: (query) => {
          const filters = query.queryKey[3];
          return query.queryKey[3] === "count" || hasStatusFilter(filters);
        },
      });
    };
    if (now) return run();
    if (this.filteredTimer) return;
    const wait = Math.max(0, REFRESH_FILTERED_MS - (Date.now() - this.lastFilteredRefresh));
    this.filteredTimer = setTimeout(run, wait);
  }

  dispose() {
    if (this.timer) clearTimeout(this.timer);
    if (this.filteredTimer) clearTimeout(this.filteredTimer);
  }
}

function hasStatusFilter(filters: unknown): boolean {
  return (
    typeof filters === "object" &&
    filters !== null &&
    "status" in filters &&
    !!(filters as { status?: string }).status
  );
}
