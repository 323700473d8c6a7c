import { and, desc, eq, isNull, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { webhooks } from "@/db/schema";

const columns = {
  id: webhooks.id,
  url: webhooks.url,
  events: webhooks.events,
  createdAt: webhooks.createdAt,
};
export type WebhookRow = { id: string; url: string; events: string[]; createdAt: Date };

export async function insertWebhook(
  db: Tx,
  row: { id: string; projectId: string; url: string; events: string[]; secretCiphertext: string },
): Promise<WebhookRow> {
  const [created] = await db.insert(webhooks).values(row).returning(columns);
  return created;
}

export async function listWebhooks(
  db: Tx,
  { projectId, before, limit }: { projectId: string; before?: string; limit: number },
): Promise<WebhookRow[]> {
  return db
    .select(columns)
    .from(webhooks)
    .where(
      and(
        eq(webhooks.projectId, projectId),
        isNull(webhooks.deletedAt),
        before ? lt(webhooks.id, before) : undefined,
      ),
    )
    .orderBy(desc(webhooks.id))
    .limit(limit + 1);
}

export async function findWebhook(
  db: Tx,
  { projectId, id }: { projectId: string; id: string },
): Promise<WebhookRow | null> {
  const [row] = await db
    .select(columns)
    .from(webhooks)
    .where(and(eq(webhooks.projectId, projectId), eq(webhooks.id, id), isNull(webhooks.deletedAt)))
    .limit(1);
  return row ?? null;
}

/** Soft delete: past deliveries keep pointing at the row. */
export async function softDeleteWebhook(
  db: Tx,
  { projectId, id }: { projectId: string; id: string },
): Promise<{ id: string } | null> {
  const [row] = await db
    .update(webhooks)
    .set({ deletedAt: new Date() })
    .where(and(eq(webhooks.projectId, projectId), eq(webhooks.id, id), isNull(webhooks.deletedAt)))
    .returning({ id: webhooks.id });
  return row ?? null;
}
