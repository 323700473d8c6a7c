import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { idempotencyRecords } from "@/db/schema";
import { sha256 } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";

const TTL_HOURS = 24;
const ABANDONED_AFTER_MS = 60_000; // a holder that crashed before storing its response
const WAIT_STEP_MS = 50;

export function idempotencyKeyOf(req: Request, body: unknown): string | null {
  const header = req.headers.get("idempotency-key");
  if (header) return header.slice(0, 255);
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const key = b.idempotency_key ?? b.idempotencyKey;
    if (typeof key === "string" && key) return key.slice(0, 255);
  }
  return null;
}

/**
 * Same key + same body within 24 h → the original response byte for byte (Idempotent-Replayed: true),
 * even when duplicates arrive concurrently: the first INSERT wins, the others wait for its response.
 * Same key + different body → 422 idempotency_key_reused.
 */
export async function withIdempotency(
  req: Request,
  ctx: Ctx,
  rawBody: string,
  body: unknown,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = idempotencyKeyOf(req, body);
  if (!key) return run();
  const db = getDb();
  const scope = `${req.method} ${new URL(req.url).pathname}`;
  const requestHash = sha256(rawBody);
  const where = and(
    eq(idempotencyRecords.projectId, ctx.projectId),
    eq(idempotencyRecords.scope, scope),
    eq(idempotencyRecords.key, key),
  );

  await db
    .delete(idempotencyRecords)
    .where(
      and(
        where,
        sql`${idempotencyRecords.createdAt} < now() - make_interval(hours => ${TTL_HOURS})`,
      ),
    );
  const claimed = await db
    .insert(idempotencyRecords)
    .values({ projectId: ctx.projectId, scope, key, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.key });

  if (claimed.length === 0) {
    for (let waited = 0; ; waited += WAIT_STEP_MS) {
      const [existing] = await db.select().from(idempotencyRecords).where(where).limit(1);
      if (!existing) return withIdempotency(req, ctx, rawBody, body, run); // expired or released meanwhile
      if (existing.requestHash !== requestHash) {
        throw new AppError(
          "idempotency_key_reused",
          "This Idempotency-Key was used with a different request body",
          { field: "idempotency_key" },
        );
      }
      if (existing.responseStatus !== null && existing.responseBody !== null) {
        return new Response(existing.responseBody, {
          status: existing.responseStatus,
          headers: {
            "content-type": "application/json; charset=utf-8",
            "idempotent-replayed": "true",
          },
        });
      }
      if (Date.now() - existing.createdAt.getTime() > ABANDONED_AFTER_MS) {
        const taken = await db
          .update(idempotencyRecords)
          .set({ createdAt: new Date() })
          .where(and(where, eq(idempotencyRecords.createdAt, existing.createdAt)))
          .returning({ key: idempotencyRecords.key });
        if (taken.length) break;
      }
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  }

  let response: Response;
  try {
    response = await run();
  } catch (error) {
    await db.delete(idempotencyRecords).where(where); // a failed attempt may be retried with the same key
    throw error;
  }
  if (response.status >= 500 || !(response.headers.get("content-type") ?? "").includes("json")) {
    await db.delete(idempotencyRecords).where(where);
    return response;
  }
  const text = await response.text();
  await db
    .update(idempotencyRecords)
    .set({ responseStatus: response.status, responseBody: text })
    .where(where);
  return new Response(text, { status: response.status, headers: response.headers });
}
