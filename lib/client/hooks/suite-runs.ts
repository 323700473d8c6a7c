"use client";

import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { downloadFile, fetchJson, qs } from "../fetch";
import { suiteKeys, suiteRunKeys, type ChildRunFilters } from "../keys";
import { useProjectSlug } from "../project";
import {
  isTerminalStatus,
  type ChildRunsPage,
  type Comparison,
  type Page,
  type ShareLink,
  type SuiteRun,
  type SuiteRunDetail,
} from "../types";

const POLL_MS = 2500;

/**
 * One suite run. Fed live by useSuiteRunEvents; `poll` turns on the fallback polling, which stops
 * by itself once the run is terminal.
 */
export function useSuiteRun(id: string, opts: { poll?: boolean } = {}) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteRunKeys.detail(id),
    queryFn: ({ signal }) =>
      fetchJson<SuiteRunDetail>(`/api/v1/suite-runs/${encodeURIComponent(id)}`, {
        project,
        signal,
      }),
    refetchInterval: (query) =>
      opts.poll && !isTerminalStatus(query.state.data?.status) ? POLL_MS : false,
  });
}

export function useSuiteRunList(filters: { suite_id?: string; status?: string; trigger?: string }) {
  const project = useProjectSlug();
  return useInfiniteQuery({
    queryKey: suiteRunKeys.list(project, filters),
    queryFn: ({ signal, pageParam }) =>
      fetchJson<Page<SuiteRun>>(
        `/api/v1/suite-runs${qs({ ...filters, limit: 50, cursor: pageParam })}`,
        {
          project,
          signal,
        },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_more ? (last.next_cursor ?? undefined) : undefined),
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.data.some((r) => !isTerminalStatus(r.status)))
        ? POLL_MS * 2
        : false,
  });
}

/** One page (by offset) of a suite run's child runs, for the virtualized table. */
export function childPageQuery(
  project: string,
  id: string,
  filters: ChildRunFilters,
  page: number,
  pageSize: number,
) {
  return {
    queryKey: suiteRunKeys.childPage(id, filters, page, pageSize),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      fetchJson<ChildRunsPage>(
        `/api/v1/suite-runs/${encodeURIComponent(id)}/runs${qs({
          ...filters,
          limit: pageSize,
          offset: page * pageSize,
        })}`,
        { project, signal },
      ),
    staleTime: 30_000,
  };
}

/** How many child runs match the filters (one tiny request: limit=1). */
export function useChildRunCount(id: string, filters: ChildRunFilters, enabled = true) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteRunKeys.childCount(id, filters),
    queryFn: ({ signal }) =>
      fetchJson<ChildRunsPage>(
        `/api/v1/suite-runs/${encodeURIComponent(id)}/runs${qs({ ...filters, limit: 1 })}`,
        { project, signal },
      ).then((page) => page.total),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export function useCancelSuiteRun(id: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<SuiteRun>(`/api/v1/suite-runs/${encodeURIComponent(id)}/cancel`, {
        project,
        method: "POST",
      }),
    onSuccess: (run) => {
      client.setQueryData<SuiteRunDetail>(suiteRunKeys.detail(id), (old) => ({ ...old, ...run }));
      void client.invalidateQueries({ queryKey: suiteRunKeys.children(id) });
    },
  });
}

export function useResubmitSuiteRun(id: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (idempotencyKey: string) =>
      fetchJson<SuiteRun>(`/api/v1/suite-runs/${encodeURIComponent(id)}/resubmit`, {
        project,
        method: "POST",
        headers: { "idempotency-key": idempotencyKey },
      }),
    onSuccess: (run) => {
      client.setQueryData(suiteRunKeys.detail(run.id), run);
      void client.invalidateQueries({ queryKey: suiteRunKeys.lists(project) });
      void client.invalidateQueries({ queryKey: suiteKeys.all });
    },
  });
}

export function useShareLinks(id: string) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteRunKeys.shareLinks(id),
    queryFn: ({ signal }) =>
      fetchJson<Page<ShareLink>>(`/api/v1/suite-runs/${encodeURIComponent(id)}/share`, {
        project,
        signal,
      }),
  });
}

export function useCreateShareLink(id: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { expires_in_days?: number }) =>
      fetchJson<ShareLink & { url: string }>(`/api/v1/suite-runs/${encodeURIComponent(id)}/share`, {
        project,
        body: input,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: suiteRunKeys.shareLinks(id) });
      void client.invalidateQueries({ queryKey: ["share-links"] });
    },
  });
}

export function useRevokeShareLink() {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) =>
      fetchJson<{ id: string }>(`/api/v1/share-links/${encodeURIComponent(linkId)}`, {
        project,
        method: "DELETE",
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ["share-links"] });
      void client.invalidateQueries({ queryKey: [...suiteRunKeys.all, "share-links"] });
    },
  });
}

export function useComparison(id: string, baseline: string | null) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteRunKeys.compare(id, baseline),
    queryFn: ({ signal }) =>
      fetchJson<Comparison>(
        `/api/v1/suite-runs/${encodeURIComponent(id)}/compare${qs({ baseline })}`,
        { project, signal },
      ),
    retry: false,
  });
}

export function useExportSuiteRun(id: string) {
  const project = useProjectSlug();
  return useMutation({
    mutationFn: (format: "csv" | "json" | "junit") =>
      downloadFile(`/api/v1/suite-runs/${encodeURIComponent(id)}/export${qs({ format })}`, {
        project,
        filename: `${id}.${format === "junit" ? "xml" : format}`,
      }),
  });
}
