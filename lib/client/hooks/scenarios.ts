"use client";

import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch";
import { scenarioKeys, suiteKeys } from "../keys";
import { useProjectSlug } from "../project";
import type { Page, Scenario, ScorerSpec } from "../types";

export function useScenarios(filters: { q?: string; tag?: string }) {
  const project = useProjectSlug();
  return useInfiniteQuery({
    queryKey: scenarioKeys.list(project, filters),
    queryFn: ({ signal, pageParam }) =>
      fetchJson<Page<Scenario>>(
        `/api/v1/scenarios${qs({ q: filters.q, tag: filters.tag, limit: 100, cursor: pageParam })}`,
        { project, signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_more ? (last.next_cursor ?? undefined) : undefined),
    placeholderData: keepPreviousData,
  });
}

export function useScenario(id: string | null) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: scenarioKeys.detail(id ?? "none"),
    queryFn: ({ signal }) =>
      fetchJson<Scenario>(`/api/v1/scenarios/${encodeURIComponent(id!)}`, { project, signal }),
    enabled: !!id,
  });
}

export type ScenarioInput = {
  name: string;
  description?: string | null;
  tags?: string[];
  input: unknown;
  turns?: string[] | null;
  expected_output?: unknown;
  scorers: ScorerSpec[];
};

export function useSaveScenario(id?: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ScenarioInput) =>
      id
        ? fetchJson<Scenario>(`/api/v1/scenarios/${encodeURIComponent(id)}`, {
            project,
            method: "PATCH",
            body: input,
          })
        : fetchJson<Scenario>(`/api/v1/scenarios`, { project, body: input }),
    onSuccess: (scenario) => {
      client.setQueryData(scenarioKeys.detail(scenario.id), scenario);
      void client.invalidateQueries({ queryKey: scenarioKeys.all });
      void client.invalidateQueries({ queryKey: suiteKeys.all });
    },
  });
}

export function useArchiveScenario() {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<unknown>(`/api/v1/scenarios/${encodeURIComponent(id)}`, {
        project,
        method: "DELETE",
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: scenarioKeys.all }),
  });
}
