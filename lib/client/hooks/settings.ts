"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson, qs } from "../fetch";
import { settingsKeys } from "../keys";
import { useProjectSlug } from "../project";
import type {
  ApiKey,
  Member,
  MembersPage,
  Page,
  Role,
  Secret,
  ShareLink,
  Webhook,
  WebhookDelivery,
} from "../types";

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
  method: "POST" | "PATCH" | "DELETE",
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

export const useProjectShareLinks = () =>
  useList<ShareLink>(settingsKeys.shareLinks(useProjectSlug()), "/api/v1/share-links");

/** A webhook's delivery log, newest first, 20 a page; polled while a delivery is still pending. */
export function useWebhookDeliveries(id: string) {
  const project = useProjectSlug();
  return useInfiniteQuery({
    queryKey: settingsKeys.webhookDeliveries(id),
    queryFn: ({ signal, pageParam }) =>
      fetchJson<Page<WebhookDelivery>>(
        `/api/v1/webhooks/${encodeURIComponent(id)}/deliveries${qs({ limit: 20, cursor: pageParam })}`,
        { project, signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.has_more ? (last.next_cursor ?? undefined) : undefined),
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.data.some((d) => d.status === "pending"))
        ? 5_000
        : false,
  });
}

/** One delivery with the payload that was sent. */
export function useWebhookDelivery(id: string, deliveryId: string) {
  const project = useProjectSlug();
  return useQuery({
    queryKey: settingsKeys.webhookDelivery(id, deliveryId),
    queryFn: ({ signal }) =>
      fetchJson<WebhookDelivery>(
        `/api/v1/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}`,
        { project, signal },
      ),
  });
}

/** Send a signed `ping` now; resolves with the delivery (succeeded or failed) either way. */
export const useTestWebhook = (id: string) =>
  useProjectMutation<void, WebhookDelivery>(
    () => `/api/v1/webhooks/${encodeURIComponent(id)}/test`,
    "POST",
    settingsKeys.webhookDeliveries(id),
  );

export function useMembers() {
  const project = useProjectSlug();
  return useQuery({
    queryKey: settingsKeys.members(project),
    queryFn: ({ signal }) => fetchJson<MembersPage>("/api/v1/members", { project, signal }),
  });
}
export const useAddMember = () =>
  useProjectMutation<{ email: string; role: Role; password?: string; name?: string }, Member>(
    () => "/api/v1/members",
    "POST",
    settingsKeys.members(useProjectSlug()),
    (i) => i,
  );
export const useUpdateMember = () =>
  useProjectMutation<{ id: string; role: Role }, Member>(
    ({ id }) => `/api/v1/members/${encodeURIComponent(id)}`,
    "PATCH",
    settingsKeys.members(useProjectSlug()),
    ({ role }) => ({ role }),
  );
export const useRemoveMember = () =>
  useProjectMutation<string, { id: string; removed: true }>(
    (id) => `/api/v1/members/${encodeURIComponent(id)}`,
    "DELETE",
    settingsKeys.members(useProjectSlug()),
  );
