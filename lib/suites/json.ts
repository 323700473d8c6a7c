import type { SuiteLinks, SuiteRow } from "./repo";
import type { SuiteRunStats } from "./run-stats";

export function suiteJson(s: SuiteRow, links: SuiteLinks, stats: SuiteRunStats) {
  return {
    id: s.id,
    name: s.name,
    slug: s.slug,
    description: s.description,
    scenario_ids: links.scenarioIds,
    target_ids: links.targetIds,
    scenario_count: links.scenarioIds.length,
    target_count: links.targetIds.length,
    repeat_count: s.repeatCount,
    pass_threshold: s.passThreshold,
    max_concurrency: s.maxConcurrency,
    labels: s.labels,
    schedule: s.schedule,
    archived: s.archived,
    last_run: stats.lastRun,
    trend: stats.trend,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}
export type SuiteJson = ReturnType<typeof suiteJson>;

export type SuiteDetailJson = SuiteJson & {
  scenarios: { id: string; name: string; archived: boolean }[];
  targets: { id: string; name: string; type: string; archived: boolean }[];
};

const MAX_BASE = 56; // leaves room for a "-NNNN" suffix within 64 characters

/** "Checkout Bot — smoke" → "checkout-bot-smoke". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_BASE)
    .replace(/^-+|-+$/g, "");
  return slug || "suite";
}

/** `base`, else `base-2`, `base-3`… whichever is not in `taken`. */
export function freeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
