"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch";
import { suiteKeys, suiteRunKeys } from "../keys";
import { useProjectSlug } from "../project";
import {
  isTerminalStatus,
  type Page,
  type Suite,
  type SuiteDetail,
  type SuiteHistory,
  type SuiteRun,
} from "../types";

export function useSuites(filters: { q?: string; label?: string }) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteKeys.list(project, filters),
    queryFn: ({ signal }) =>
      fetchJson<Page<Suite>>(
        `/api/v1/suites${qs({ limit: 200, q: filters.q, label: filters.label })}`,
        {
          project,
          signal,
        },
      ),
    placeholderData: keepPreviousData,
    // A suite's last run is still going: keep its status and pass rate current.
    refetchInterval: (query) =>
      query.state.data?.data.some((s) => s.last_run && !isTerminalStatus(s.last_run.status))
        ? 5000
        : false,
  });
}

export function useSuite(idOrSlug: string) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteKeys.detail(idOrSlug),
    queryFn: ({ signal }) =>
      fetchJson<SuiteDetail>(`/api/v1/suites/${encodeURIComponent(idOrSlug)}`, { project, signal }),
    enabled: !!idOrSlug,
  });
}

export function useSuiteHistory(idOrSlug: string, page: number, pageSize: number) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: suiteKeys.history(idOrSlug, page, pageSize),
    queryFn: ({ signal }) =>
      fetchJson<SuiteHistory>(
        `/api/v1/suites/${encodeURIComponent(idOrSlug)}/runs${qs({ page, pageSize })}`,
        { project, signal },
      ),
    placeholderData: keepPreviousData,
    // Keep the history fresh while one of its runs is still going.
    refetchInterval: (query) =>
      query.state.data?.data.some((r) => r.status === "queued" || r.status === "running")
        ? 3000
        : false,
  });
}

export type TriggerInput = {
  scenario_ids?: string[];
  target_ids?: string[];
  repeat_count?: number;
  config_override?: Record<string, unknown>;
  idempotency_key?: string;
};

export function useTriggerSuiteRun(suiteId: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TriggerInput) =>
      fetchJson<SuiteRun>(`/api/v1/suites/${encodeURIComponent(suiteId)}/runs?items=false`, {
        project,
        body: { ...input, trigger: "ui" },
      }),
    onSuccess: (created) => {
      // The response lists every created run (150,000 for a big suite): keep only the suite run.
      const {
        items: _items,
        skipped_archived: _skipped,
        ...run
      } = created as SuiteRun & { items?: unknown; skipped_archived?: unknown };
      client.setQueryData(suiteRunKeys.detail(run.id), run);
      void client.invalidateQueries({ queryKey: suiteKeys.all });
      void client.invalidateQueries({ queryKey: suiteRunKeys.lists(project) });
    },
  });
}

export type SuiteInput = {
  name: string;
  slug?: string;
  description?: string | null;
  scenario_ids: string[];
  target_ids: string[];
  repeat_count?: number;
  pass_threshold?: number;
  max_concurrency?: number | null;
  labels?: string[];
};

export function useSaveSuite(id?: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<SuiteInput>) =>
      id
        ? fetchJson<Suite>(`/api/v1/suites/${encodeURIComponent(id)}`, {
            project,
            method: "PATCH",
            body: input,
          })
        : fetchJson<Suite>(`/api/v1/suites`, { project, body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: suiteKeys.all }),
  });
}

export function useArchiveSuite() {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<{ id: string }>(`/api/v1/suites/${encodeURIComponent(id)}`, {
        project,
        method: "DELETE",
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: suiteKeys.all }),
  });
}

export function useDuplicateSuite() {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<Suite>(`/api/v1/suites/${encodeURIComponent(id)}/duplicate`, {
        project,
        method: "POST",
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: suiteKeys.all }),
  });
}
