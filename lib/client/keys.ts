/**
 * Query-key factories, one per resource. Ids are globally unique TypeIDs, so detail keys need no
 * project; lists are per project.
 */
export type ChildRunFilters = {
  status?: string;
  scenario_id?: string;
  target_id?: string;
  q?: string;
};

export const projectKeys = {
  all: ["projects"] as const,
};

export const suiteKeys = {
  all: ["suites"] as const,
  lists: (project: string) => [...suiteKeys.all, "list", project] as const,
  list: (project: string, filters: { q?: string; label?: string }) =>
    [...suiteKeys.lists(project), filters] as const,
  detail: (idOrSlug: string) => [...suiteKeys.all, "detail", idOrSlug] as const,
  history: (idOrSlug: string, page: number, pageSize: number) =>
    [...suiteKeys.all, "history", idOrSlug, page, pageSize] as const,
};

export const suiteRunKeys = {
  all: ["suite-runs"] as const,
  lists: (project: string) => [...suiteRunKeys.all, "list", project] as const,
  list: (project: string, filters: { suite_id?: string; status?: string; trigger?: string }) =>
    [...suiteRunKeys.lists(project), filters] as const,
  detail: (id: string) => [...suiteRunKeys.all, "detail", id] as const,
  /** Every page of child runs of one suite run, whatever the filters. */
  children: (id: string) => [...suiteRunKeys.all, "children", id] as const,
  childPage: (id: string, filters: ChildRunFilters, page: number, pageSize: number) =>
    [...suiteRunKeys.children(id), filters, pageSize, page] as const,
  childCount: (id: string, filters: ChildRunFilters) =>
    [...suiteRunKeys.children(id), "count", filters] as const,
  compare: (id: string, baseline: string | null) =>
    [...suiteRunKeys.all, "compare", id, baseline ?? "previous"] as const,
  shareLinks: (id: string) => [...suiteRunKeys.all, "share-links", id] as const,
};

export const runKeys = {
  all: ["runs"] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
};

export const scenarioKeys = {
  all: ["scenarios"] as const,
  list: (project: string, filters: { q?: string; tag?: string }) =>
    [...scenarioKeys.all, "list", project, filters] as const,
  detail: (id: string) => [...scenarioKeys.all, "detail", id] as const,
};

export const targetKeys = {
  all: ["targets"] as const,
  list: (project: string) => [...targetKeys.all, "list", project] as const,
  detail: (id: string) => [...targetKeys.all, "detail", id] as const,
};

export const settingsKeys = {
  apiKeys: (project: string) => ["api-keys", project] as const,
  secrets: (project: string) => ["secrets", project] as const,
  webhooks: (project: string) => ["webhooks", project] as const,
  webhook: (id: string) => ["webhooks", "detail", id] as const,
  shareLinks: (project: string) => ["share-links", project] as const,
  members: (project: string) => ["members", project] as const,
  /** Every page of one webhook's delivery log. */
  webhookDeliveries: (id: string) => ["webhooks", "deliveries", id] as const,
  webhookDelivery: (id: string, deliveryId: string) =>
    ["webhooks", "delivery", id, deliveryId] as const,
};
