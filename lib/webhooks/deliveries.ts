import type { Sql } from "@/db/client";

export type DeliveryRow = {
  id: string;
  project_id: string;
  webhook_id: string;
  event: string;
  payload: Record<string, unknown>;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  response_status: number | null;
  error: string | null;
  created_at: Date;
  delivered_at: Date | null;
};

const COLUMNS = `d.id, d.project_id, d.webhook_id, d.event, d.status, d.attempts, d.response_status, d.error, d.created_at, d.delivered_at`;

/** A delivery as the API shows it in the log (the payload only in the detail view). */
export function deliveryJson(d: Omit<DeliveryRow, "payload"> & { payload?: unknown }) {
  return {
    id: d.id,
    webhook_id: d.webhook_id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    response_status: d.response_status,
    error: d.error,
    created_at: d.created_at.toISOString(),
    delivered_at: d.delivered_at?.toISOString() ?? null,
    ...(d.payload !== undefined ? { payload: d.payload } : {}),
  };
}

export async function insertDelivery(
  sql: Sql,
  row: Pick<DeliveryRow, "id" | "project_id" | "webhook_id" | "event" | "payload">,
): Promise<void> {
  await sql`insert into webhook_deliveries (id, project_id, webhook_id, event, payload)
            values (${row.id}, ${row.project_id}, ${row.webhook_id}, ${row.event}, ${JSON.stringify(row.payload)}::text::jsonb)`;
}

/** Newest first; the cursor is the last id seen. An unknown cursor yields an empty page. */
export async function listDeliveryRows(
  sql: Sql,
  opts: {
    projectId: string;
    webhookId: string;
    before?: string;
    limit: number;
    status?: string;
    event?: string;
  },
): Promise<DeliveryRow[]> {
  return sql<DeliveryRow[]>`
    select ${sql.unsafe(COLUMNS)} from webhook_deliveries d
    where d.webhook_id = ${opts.webhookId} and d.project_id = ${opts.projectId}
      ${opts.status ? sql`and d.status = ${opts.status}` : sql``}
      ${opts.event ? sql`and d.event = ${opts.event}` : sql``}
      ${opts.before ? sql`and (d.created_at, d.id) < (select c.created_at, c.id from webhook_deliveries c where c.id = ${opts.before})` : sql``}
    order by d.created_at desc, d.id desc limit ${opts.limit + 1}`;
}

export async function findDeliveryRow(
  sql: Sql,
  { projectId, webhookId, id }: { projectId: string; webhookId: string; id: string },
): Promise<DeliveryRow | null> {
  const [row] = await sql<DeliveryRow[]>`
    select ${sql.unsafe(COLUMNS)}, d.payload from webhook_deliveries d
    where d.id = ${id} and d.webhook_id = ${webhookId} and d.project_id = ${projectId}`;
  return row ?? null;
}
