import { getDb } from "@/db/client";
import { encrypt, randomToken } from "@/lib/crypto";
import { isId, newId } from "@/lib/ids";
import { notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, toPage, type ListQuery } from "@/lib/http/pagination";
import { audit } from "@/lib/audit";
import {
  findWebhook,
  insertWebhook,
  listWebhooks,
  softDeleteWebhook,
  type WebhookRow,
} from "./repo";
import type { CreateWebhookInput } from "./schemas";

export function webhookJson(w: WebhookRow) {
  return { id: w.id, url: w.url, events: w.events, created_at: w.createdAt.toISOString() };
}

// POST /api/v1/webhooks — the signing secret is in this response only
export async function createWebhook({ ctx, input }: { ctx: Ctx; input: CreateWebhookInput }) {
  const signingSecret = input.secret ?? `whsec_${randomToken(24)}`;
  return getDb().transaction(async (tx) => {
    const row = await insertWebhook(tx, {
      id: newId("webhook"),
      projectId: ctx.projectId,
      url: input.url,
      events: input.events,
      secretCiphertext: encrypt(signingSecret),
    });
    await audit(
      ctx,
      "webhook.created",
      "webhook",
      row.id,
      { url: row.url, events: row.events },
      tx,
    );
    return { ...webhookJson(row), signing_secret: signingSecret };
  });
}

// GET /api/v1/webhooks
export async function listProjectWebhooks({ ctx, query }: { ctx: Ctx; query: ListQuery }) {
  const rows = await listWebhooks(getDb(), {
    projectId: ctx.projectId,
    before: decodeCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, webhookJson);
}

// GET /api/v1/webhooks/{id}
export async function getWebhook({ ctx, id }: { ctx: Ctx; id: string }) {
  const row = isId("webhook", id)
    ? await findWebhook(getDb(), { projectId: ctx.projectId, id })
    : null;
  if (!row) throw notFound("Webhook");
  return webhookJson(row);
}

// DELETE /api/v1/webhooks/{id}
export async function deleteWebhook({ ctx, id }: { ctx: Ctx; id: string }) {
  return getDb().transaction(async (tx) => {
    const row = isId("webhook", id)
      ? await softDeleteWebhook(tx, { projectId: ctx.projectId, id })
      : null;
    if (!row) throw notFound("Webhook");
    await audit(ctx, "webhook.deleted", "webhook", id, {}, tx);
    return { id, deleted: true };
  });
}
