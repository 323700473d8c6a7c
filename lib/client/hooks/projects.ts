"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "../fetch";
import { projectKeys } from "../keys";
import type { Page, Project } from "../types";

export function useProjects(initial?: Project[]) {
  return useQuery({
    queryKey: projectKeys.all,
    queryFn: ({ signal }) => fetchJson<Page<Project>>("/api/v1/projects", { signal }),
    initialData: initial ? { data: initial, next_cursor: null, has_more: false } : undefined,
    staleTime: 60_000,
  });
}

export function useCreateProject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; slug?: string }) =>
      fetchJson<Project>("/api/v1/projects", { body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: projectKeys.all }),
  });
}
