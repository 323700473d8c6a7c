import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { targets } from "@/db/schema";
import type { TargetType } from "@/lib/targets/types";

const columns = {
  id: targets.id,
  name: targets.name,
  type: targets.type,
  description: targets.description,
  config: targets.config,
  timeoutMs: targets.timeoutMs,
  retries: targets.retries,
  maxConcurrency: targets.maxConcurrency,
  rateLimitPerS: targets.rateLimitPerS,
  archived: targets.archived,
  createdAt: targets.createdAt,
  updatedAt: targets.updatedAt,
};

export type TargetRow = {
  id: string;
  name: string;
  type: TargetType;
  description: string | null;
  config: Record<string, unknown>;
  timeoutMs: number;
  retries: number;
  maxConcurrency: number | null;
  rateLimitPerS: number | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type TargetValues = Omit<TargetRow, "id" | "archived" | "createdAt" | "updatedAt">;

export async function insertTarget(
  db: Tx,
  row: TargetValues & { id: string; projectId: string },
): Promise<TargetRow> {
  const [created] = await db.insert(targets).values(row).returning(columns);
  return created;
}

export async function listTargets(
  db: Tx,
  filter: {
    projectId: string;
    before?: string;
    limit: number;
    type?: TargetType;
    includeArchived: boolean;
  },
): Promise<TargetRow[]> {
  return db
    .select(columns)
    .from(targets)
    .where(
      and(
        eq(targets.projectId, filter.projectId),
        filter.before ? lt(targets.id, filter.before) : undefined,
        filter.type ? eq(targets.type, filter.type) : undefined,
        filter.includeArchived ? undefined : eq(targets.archived, false),
      ),
    )
    .orderBy(desc(targets.id))
    .limit(filter.limit + 1);
}

export async function findTarget(
  db: Tx,
  { projectId, id }: { projectId: string; id: string },
): Promise<TargetRow | null> {
  const [row] = await db
    .select(columns)
    .from(targets)
    .where(and(eq(targets.projectId, projectId), eq(targets.id, id)))
    .limit(1);
  return row ?? null;
}

export async function patchTarget(
  db: Tx,
  {
    projectId,
    id,
    set,
  }: { projectId: string; id: string; set: Partial<TargetValues> & { archived?: boolean } },
): Promise<TargetRow | null> {
  const [row] = await db
    .update(targets)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(targets.projectId, projectId), eq(targets.id, id)))
    .returning(columns);
  return row ?? null;
}

/** Which of `ids` name targets of this project (archived ones included). */
export async function existingTargetIds(
  db: Tx,
  { projectId, ids }: { projectId: string; ids: string[] },
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: targets.id })
    .from(targets)
    .where(and(eq(targets.projectId, projectId), inArray(targets.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Every workflow of the project with its steps, to refuse a PATCH that would close a cycle. */
export async function workflowSteps(db: Tx, projectId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ id: targets.id, config: targets.config })
    .from(targets)
    .where(and(eq(targets.projectId, projectId), eq(targets.type, "workflow")));
  return new Map(
    rows.map((r) => [r.id, Array.isArray(r.config.steps) ? r.config.steps.map(String) : []]),
  );
}
