import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { decrypt, encrypt } from "@/lib/crypto";
import { newId, isId } from "@/lib/ids";
import { notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, toPage, type ListQuery } from "@/lib/http/pagination";
import { audit } from "@/lib/audit";
import { deleteSecret, listSecrets, secretCiphertexts, upsertSecret, type SecretRow } from "./repo";

export const createSecretInput = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
        "letters, digits and underscores, not starting with a digit",
      ),
    value: z
      .string()
      .min(1)
      .max(64 * 1024),
  })
  .strict();

const secretJson = (s: SecretRow) => ({
  id: s.id,
  name: s.name,
  created_at: s.createdAt.toISOString(),
  updated_at: s.updatedAt.toISOString(),
});

// The value is write-only: no function here returns it to a caller outside the engine.
export async function createSecret({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof createSecretInput>;
}) {
  const row = await upsertSecret(getDb(), {
    id: newId("secret"),
    projectId: ctx.projectId,
    name: input.name,
    ciphertext: encrypt(input.value),
  });
  await audit(ctx, "secret.written", "secret", row.id, { name: input.name });
  return secretJson(row);
}

export async function listProjectSecrets({ ctx, query }: { ctx: Ctx; query: ListQuery }) {
  const rows = await listSecrets(getDb(), {
    projectId: ctx.projectId,
    before: decodeCursor(query.cursor),
    limit: query.limit,
  });
  return toPage(rows, query.limit, secretJson);
}

export async function removeSecret({ ctx, id }: { ctx: Ctx; id: string }) {
  if (!isId("secret", id) || !(await deleteSecret(getDb(), { projectId: ctx.projectId, id })))
    throw notFound("Secret");
  await audit(ctx, "secret.deleted", "secret", id);
  return { id, deleted: true };
}

/** Decrypted secrets of a project by name: for the engine only, just before calling a target or judge. */
export async function loadSecrets(
  db: Tx,
  projectId: string,
  names?: string[],
): Promise<Record<string, string>> {
  const rows = await secretCiphertexts(db, { projectId, names });
  return Object.fromEntries(rows.map((r) => [r.name, decrypt(r.ciphertext)]));
}

/** `{{secrets.NAME}}` references anywhere in a JSON value (target config, scorer config). */
export function secretNamesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    for (const m of value.matchAll(/\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g))
      out.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => secretNamesIn(v, out));
  else if (value && typeof value === "object")
    Object.values(value).forEach((v) => secretNamesIn(v, out));
  return out;
}
