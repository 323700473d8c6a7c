"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch";
import { settingsKeys } from "../keys";
import { useProjectSlug } from "../project";
import type { ApiKey, Page, Secret, ShareLink, Webhook } from "../types";

function useList<T>(key: readonly unknown[], path: string, enabled = true) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      fetchJson<Page<T>>(`${path}${qs({ limit: 200 })}`, { project, signal }),
    enabled,
  });
}

function useProjectMutation<I, O>(
  path: (input: I) => string,
  method: "POST" | "DELETE",
  invalidate: readonly unknown[],
  body?: (input: I) => unknown,
) {
  const project = useProjectSlug();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => fetchJson<O>(path(input), { project, method, body: body?.(input) }),
    onSuccess: () => void client.invalidateQueries({ queryKey: invalidate }),
  });
}

export const useApiKeys = (enabled = true) =>
  useList<ApiKey>(settingsKeys.apiKeys(useProjectSlug()), "/api/v1/api-keys", enabled);
export const useCreateApiKey = () =>
  useProjectMutation<{ name: string; scope: ApiKey["scope"] }, ApiKey>(
    () => "/api/v1/api-keys",
    "POST",
    settingsKeys.apiKeys(useProjectSlug()),
    (i) => i,
  );
export const useRevokeApiKey = () =>
  useProjectMutation<string, unknown>(
    (id) => `/api/v1/api-keys/${encodeURIComponent(id)}`,
    "DELETE",
    settingsKeys.apiKeys(useProjectSlug()),
  );

export const useSecrets = () =>
  useList<Secret>(settingsKeys.secrets(useProjectSlug()), "/api/v1/secrets");
export const useCreateSecret = () =>
  useProjectMutation<{ name: string; value: string }, Secret>(
    () => "/api/v1/secrets",
    "POST",
    settingsKeys.secrets(useProjectSlug()),
    (i) => i,
  );
export const useDeleteSecret = () =>
  useProjectMutation<string, unknown>(
    (id) => `/api/v1/secrets/${encodeURIComponent(id)}`,
    "DELETE",
    settingsKeys.secrets(useProjectSlug()),
  );

export const useWebhooks = (enabled = true) =>
  useList<Webhook>(settingsKeys.webhooks(useProjectSlug()), "/api/v1/webhooks", enabled);
export const useCreateWebhook = () =>
  useProjectMutation<{ url: string; events: string[] }, Webhook>(
    () => "/api/v1/webhooks",
    "POST",
    settingsKeys.webhooks(useProjectSlug()),
    (i) => i,
  );
export const useDeleteWebhook = () =>
  useProjectMutation<string, unknown>(
    (id) => `/api/v1/webhooks/${encodeURIComponent(id)}`,
    "DELETE",
    settingsKeys.webhooks(useProjectSlug()),
  );

export function useWebhook(id: string | null) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: settingsKeys.webhook(id ?? "none"),
    queryFn: ({ signal }) =>
      fetchJson<Webhook>(`/api/v1/webhooks/${encodeURIComponent(id!)}`, { project, signal }),
    enabled: !!id,
  });
}

export const useProjectShareLinks = () =>
  useList<ShareLink>(settingsKeys.shareLinks(useProjectSlug()), "/api/v1/share-links");
