import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { newId, isId } from "@/lib/ids";
import { randomToken, sha256 } from "@/lib/crypto";
import { notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, toPage, type ListQuery } from "@/lib/http/pagination";
import { audit } from "@/lib/audit";
import { announceRevokedKey } from "@/lib/auth/revocation";
import { insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from "./repo";

export const createApiKeyInput = z
  .object({ name: z.string().trim().min(1).max(100), scope: z.enum(["read", "run", "admin"]) })
  .strict();

export const KEY_PREFIX = "assay_";

export function describeKey(key: string) {
  return { hash: sha256(key), prefix: key.slice(0, 10), last4: key.slice(-4) };
}

export function apiKeyJson(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    last4: row.last4,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
  };
}

/** Create a key; the plaintext is returned once and never stored. */
export async function createApiKey(
  db: Tx,
  input: {
    projectId: string;
    name: string;
    scope: "read" | "run" | "admin";
    createdBy: string | null;
    key?: string;
  },
) {
  const key = input.key ?? `${KEY_PREFIX}${randomToken(24)}`;
  const row = await insertApiKey(db, {
    id: newId("apiKey"),
    projectId: input.projectId,
    name: input.name,
    scope: input.scope,
    createdBy: input.createdBy,
    ...describeKey(key),
  });
  return { ...apiKeyJson(row), key };
}

// POST /api/v1/api-keys
export async function createKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof createApiKeyInput>;
}) {
  const created = await createApiKey(getDb(), {
    projectId: ctx.projectId,
    name: input.name,
    scope: input.scope,
    createdBy: ctx.actor.id,
  });
  await audit(ctx, "api_key.created", "api_key", created.id, { scope: input.scope });
  return created;
}

export async function listKeys({ ctx, query }: { ctx: Ctx; query: ListQuery }) {
  const rows = await listApiKeys(getDb(), {
    projectId: ctx.projectId,
    before: decodeCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, apiKeyJson);
}

export async function revokeKey({ ctx, id }: { ctx: Ctx; id: string }) {
  if (!isId("apiKey", id)) throw notFound("API key");
  const row = await revokeApiKey(getDb(), { projectId: ctx.projectId, id });
  if (!row) throw notFound("API key");
  await announceRevokedKey(id);
  await audit(ctx, "api_key.revoked", "api_key", id);
  return { id, revoked: true };
}
