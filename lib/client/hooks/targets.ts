"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch";
import { suiteKeys, targetKeys } from "../keys";
import { useProjectSlug } from "../project";
import type { Page, Target, TargetTestResult, TargetType } from "../types";

export function useTargets() {
  const project = useProjectSlug();
  return useQuery({
    queryKey: targetKeys.list(project),
    queryFn: ({ signal }) =>
      fetchJson<Page<Target>>(`/api/v1/targets${qs({ limit: 200 })}`, { project, signal }),
  });
}

export type TargetInput = {
  name: string;
  type: TargetType;
  description?: string | null;
  config: Record<string, unknown>;
  timeout_ms?: number;
  retries?: number;
  max_concurrency?: number | null;
  rate_limit_per_s?: number | null;
};

export function useSaveTarget(id?: string) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TargetInput) =>
      id
        ? fetchJson<Target>(`/api/v1/targets/${encodeURIComponent(id)}`, {
            project,
            method: "PATCH",
            body: input,
          })
        : fetchJson<Target>(`/api/v1/targets`, { project, body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: targetKeys.all });
      void client.invalidateQueries({ queryKey: suiteKeys.all });
    },
  });
}

export function useArchiveTarget() {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      fetchJson<unknown>(`/api/v1/targets/${encodeURIComponent(id)}`, {
        project,
        method: "DELETE",
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: targetKeys.all }),
  });
}

export function useTestTarget(id: string) {
  const project = useProjectSlug();
  return useMutation({
    mutationFn: (input: unknown) =>
      fetchJson<TargetTestResult>(`/api/v1/targets/${encodeURIComponent(id)}/test`, {
        project,
        body: { input },
      }),
  });
}
