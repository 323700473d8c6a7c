import { getDb, getSql } from "@/db/client";
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
import type { CreateWebhookInput, DeliveriesQuery } from "./schemas";
import { deliveryJson, findDeliveryRow, insertDelivery, listDeliveryRows } from "./deliveries";
import { attemptDelivery } from "./deliver";

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

async function requireWebhook(ctx: Ctx, id: string): Promise<WebhookRow> {
  const row = isId("webhook", id)
    ? await findWebhook(getDb(), { projectId: ctx.projectId, id })
    : null;
  if (!row) throw notFound("Webhook");
  return row;
}

// GET /api/v1/webhooks/{id}/deliveries — the delivery log, newest first
export async function listWebhookDeliveries({
  ctx,
  id,
  query,
}: {
  ctx: Ctx;
  id: string;
  query: DeliveriesQuery;
}) {
  const webhook = await requireWebhook(ctx, id);
  const rows = await listDeliveryRows(getSql(), {
    projectId: ctx.projectId,
    webhookId: webhook.id,
    before: decodeCursor(query.cursor),
    limit: query.limit,
    status: query.status,
    event: query.event,
  });
  return toPage(rows, query.limit, ({ payload: _payload, ...row }) => deliveryJson(row));
}

// GET /api/v1/webhooks/{id}/deliveries/{delivery_id} — one delivery with the payload that was sent
export async function getWebhookDelivery({
  ctx,
  id,
  deliveryId,
}: {
  ctx: Ctx;
  id: string;
  deliveryId: string;
}) {
  const webhook = await requireWebhook(ctx, id);
  const row = isId("delivery", deliveryId)
    ? await findDeliveryRow(getSql(), {
        projectId: ctx.projectId,
        webhookId: webhook.id,
        id: deliveryId,
      })
    : null;
  if (!row) throw notFound("Delivery");
  return deliveryJson(row);
}

// POST /api/v1/webhooks/{id}/test — send a signed `ping` now, once, and return how it went
export async function sendTestEvent({ ctx, id }: { ctx: Ctx; id: string }) {
  const webhook = await requireWebhook(ctx, id);
  const sql = getSql();
  const deliveryId = newId("delivery");
  await insertDelivery(sql, {
    id: deliveryId,
    project_id: ctx.projectId,
    webhook_id: webhook.id,
    event: "ping",
    payload: {
      id: deliveryId,
      event: "ping",
      created_at: new Date().toISOString(),
      data: {
        webhook_id: webhook.id,
        events: webhook.events,
        message: "A test event from Assay: your endpoint is reachable and can verify signatures.",
      },
    },
  });
  const result = await attemptDelivery(sql, deliveryId, { attempt: 1, maxAttempts: 1 });
  await audit(ctx, "webhook.tested", "webhook", webhook.id, { delivery_id: deliveryId });
  return deliveryJson(result!.delivery);
}
