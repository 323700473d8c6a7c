"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "../fetch";
import { runKeys } from "../keys";
import { useProjectSlug } from "../project";
import { isTerminalStatus, type RunDetail } from "../types";

/** One run with its output, transcript and every scorer's result; refreshes until it is terminal. */
export function useRun(id: string | null) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: runKeys.detail(id ?? "none"),
    queryFn: ({ signal }) =>
      fetchJson<RunDetail>(`/api/v1/runs/${encodeURIComponent(id!)}`, { project, signal }),
    enabled: !!id,
    refetchInterval: (query) =>
      query.state.data && !isTerminalStatus(query.state.data.status) ? 2000 : false,
  });
}
