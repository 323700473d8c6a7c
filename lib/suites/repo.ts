import { and, arrayContains, asc, desc, eq, ilike, inArray, like, lt, ne, or } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scenarios, suiteScenarios, suiteTargets, suites, targets } from "@/db/schema";

const columns = {
  id: suites.id,
  name: suites.name,
  slug: suites.slug,
  description: suites.description,
  repeatCount: suites.repeatCount,
  passThreshold: suites.passThreshold,
  maxConcurrency: suites.maxConcurrency,
  labels: suites.labels,
  schedule: suites.schedule,
  archived: suites.archived,
  createdAt: suites.createdAt,
  updatedAt: suites.updatedAt,
};

export type SuiteRow = {
  id: string;
  name: string;
  slug: string;
  description: string | null;
  repeatCount: number;
  passThreshold: number;
  maxConcurrency: number | null;
  labels: string[];
  schedule: { cron: string; timezone: string } | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type SuiteValues = Omit<SuiteRow, "id" | "archived" | "createdAt" | "updatedAt">;

/** Insert unless the slug is taken in the project (then null, and the transaction stays usable). */
export async function insertSuite(
  db: Tx,
  row: SuiteValues & { id: string; projectId: string },
): Promise<SuiteRow | null> {
  const [created] = await db
    .insert(suites)
    .values(row)
    .onConflictDoNothing({ target: [suites.projectId, suites.slug] })
    .returning(columns);
  return created ?? null;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listSuites(
  db: Tx,
  filter: {
    projectId: string;
    before?: string;
    limit: number;
    label?: string;
    q?: string;
    includeArchived: boolean;
  },
): Promise<SuiteRow[]> {
  const pattern = filter.q ? `%${likeEscape(filter.q)}%` : "";
  return db
    .select(columns)
    .from(suites)
    .where(
      and(
        eq(suites.projectId, filter.projectId),
        filter.before ? lt(suites.id, filter.before) : undefined,
        filter.includeArchived ? undefined : eq(suites.archived, false),
        filter.label ? arrayContains(suites.labels, [filter.label]) : undefined,
        filter.q ? or(ilike(suites.name, pattern), ilike(suites.slug, pattern)) : undefined,
      ),
    )
    .orderBy(desc(suites.id))
    .limit(filter.limit + 1);
}

export async function findSuite(
  db: Tx,
  { projectId, id, slug }: { projectId: string; id?: string; slug?: string },
): Promise<SuiteRow | null> {
  const [row] = await db
    .select(columns)
    .from(suites)
    .where(
      and(eq(suites.projectId, projectId), id ? eq(suites.id, id) : eq(suites.slug, slug ?? "")),
    )
    .limit(1);
  return row ?? null;
}

export async function patchSuite(
  db: Tx,
  {
    projectId,
    id,
    set,
  }: { projectId: string; id: string; set: Partial<SuiteValues> & { archived?: boolean } },
): Promise<SuiteRow | null> {
  const [row] = await db
    .update(suites)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(suites.projectId, projectId), eq(suites.id, id)))
    .returning(columns);
  return row ?? null;
}

/** Slugs of the project equal to `base` or `base-<anything>`, to pick a free one. */
export async function slugsLike(
  db: Tx,
  { projectId, base }: { projectId: string; base: string },
): Promise<Set<string>> {
  const rows = await db
    .select({ slug: suites.slug })
    .from(suites)
    .where(
      and(
        eq(suites.projectId, projectId),
        or(eq(suites.slug, base), like(suites.slug, `${base}-%`)),
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

export async function slugTaken(
  db: Tx,
  { projectId, slug, exceptId }: { projectId: string; slug: string; exceptId: string },
) {
  const [row] = await db
    .select({ id: suites.id })
    .from(suites)
    .where(and(eq(suites.projectId, projectId), eq(suites.slug, slug), ne(suites.id, exceptId)))
    .limit(1);
  return Boolean(row);
}

// Rows per insert: 3 parameters each stays far below PostgreSQL's 65,535-parameter limit.
const CHUNK = 5000;

/** Replace a link list, keeping the given order in `position`. */
export async function replaceScenarioLinks(
  db: Tx,
  suiteId: string,
  scenarioIds: string[],
): Promise<void> {
  await db.delete(suiteScenarios).where(eq(suiteScenarios.suiteId, suiteId));
  for (let i = 0; i < scenarioIds.length; i += CHUNK) {
    const rows = scenarioIds
      .slice(i, i + CHUNK)
      .map((scenarioId, j) => ({ suiteId, scenarioId, position: i + j }));
    await db.insert(suiteScenarios).values(rows);
  }
}

export async function replaceTargetLinks(
  db: Tx,
  suiteId: string,
  targetIds: string[],
): Promise<void> {
  await db.delete(suiteTargets).where(eq(suiteTargets.suiteId, suiteId));
  for (let i = 0; i < targetIds.length; i += CHUNK) {
    const rows = targetIds
      .slice(i, i + CHUNK)
      .map((targetId, j) => ({ suiteId, targetId, position: i + j }));
    await db.insert(suiteTargets).values(rows);
  }
}

export type SuiteLinks = { scenarioIds: string[]; targetIds: string[] };

/** Ordered scenario and target ids of many suites: two set-based queries, whatever the page size. */
export async function suiteLinks(db: Tx, suiteIds: string[]): Promise<Map<string, SuiteLinks>> {
  const out = new Map<string, SuiteLinks>(
    suiteIds.map((id) => [id, { scenarioIds: [], targetIds: [] }]),
  );
  if (suiteIds.length === 0) return out;
  const [scenarioRows, targetRows] = await Promise.all([
    db
      .select({ suiteId: suiteScenarios.suiteId, id: suiteScenarios.scenarioId })
      .from(suiteScenarios)
      .where(inArray(suiteScenarios.suiteId, suiteIds))
      .orderBy(asc(suiteScenarios.suiteId), asc(suiteScenarios.position)),
    db
      .select({ suiteId: suiteTargets.suiteId, id: suiteTargets.targetId })
      .from(suiteTargets)
      .where(inArray(suiteTargets.suiteId, suiteIds))
      .orderBy(asc(suiteTargets.suiteId), asc(suiteTargets.position)),
  ]);
  for (const r of scenarioRows) out.get(r.suiteId)?.scenarioIds.push(r.id);
  for (const r of targetRows) out.get(r.suiteId)?.targetIds.push(r.id);
  return out;
}

/** The suite's scenarios and targets with names, in suite order (detail view). */
export async function linkedResources(db: Tx, suiteId: string) {
  const [scenarioRows, targetRows] = await Promise.all([
    db
      .select({ id: scenarios.id, name: scenarios.name, archived: scenarios.archived })
      .from(suiteScenarios)
      .innerJoin(scenarios, eq(scenarios.id, suiteScenarios.scenarioId))
      .where(eq(suiteScenarios.suiteId, suiteId))
      .orderBy(asc(suiteScenarios.position)),
    db
      .select({
        id: targets.id,
        name: targets.name,
        type: targets.type,
        archived: targets.archived,
      })
      .from(suiteTargets)
      .innerJoin(targets, eq(targets.id, suiteTargets.targetId))
      .where(eq(suiteTargets.suiteId, suiteId))
      .orderBy(asc(suiteTargets.position)),
  ]);
  return { scenarios: scenarioRows, targets: targetRows };
}
