import { and, desc, eq, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { apiKeys, projects } from "@/db/schema";

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scope: apiKeys.scope,
  prefix: apiKeys.prefix,
  last4: apiKeys.last4,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};
export type ApiKeyRow = {
  id: string;
  name: string;
  scope: "read" | "run" | "admin";
  prefix: string;
  last4: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function insertApiKey(
  db: Tx,
  row: {
    id: string;
    projectId: string;
    name: string;
    scope: "read" | "run" | "admin";
    hash: string;
    prefix: string;
    last4: string;
    createdBy: string | null;
  },
): Promise<ApiKeyRow> {
  const [created] = await db.insert(apiKeys).values(row).returning(publicColumns);
  return created;
}

export async function listApiKeys(
  db: Tx,
  { projectId, before, limit }: { projectId: string; before?: string; limit: number },
) {
  return db
    .select(publicColumns)
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.projectId, projectId),
        isNull(apiKeys.revokedAt),
        before ? lt(apiKeys.id, before) : undefined,
      ),
    )
    .orderBy(desc(apiKeys.id))
    .limit(limit + 1);
}

export async function revokeApiKey(db: Tx, { projectId, id }: { projectId: string; id: string }) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.projectId, projectId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(publicColumns);
  return row ?? null;
}

/** The key's project and scope, if the hash names a live key. */
export async function findKeyByHash(db: Tx, hash: string) {
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      scope: apiKeys.scope,
      projectId: apiKeys.projectId,
      projectSlug: projects.slug,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .innerJoin(projects, eq(projects.id, apiKeys.projectId))
    .where(eq(apiKeys.hash, hash))
    .limit(1);
  return row ?? null;
}

/** Touch last_used_at at most once a minute per key, so reads stay reads. */
export async function touchApiKey(db: Tx, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(
      and(
        eq(apiKeys.id, id),
        sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '60 seconds')`,
      ),
    );
}
