import { and, desc, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { secrets } from "@/db/schema";

const columns = {
  id: secrets.id,
  name: secrets.name,
  createdAt: secrets.createdAt,
  updatedAt: secrets.updatedAt,
};
export type SecretRow = { id: string; name: string; createdAt: Date; updatedAt: Date };

/** Create or replace by name (a secret is rotated by writing it again). */
export async function upsertSecret(
  db: Tx,
  row: { id: string; projectId: string; name: string; ciphertext: string },
): Promise<SecretRow> {
  const [saved] = await db
    .insert(secrets)
    .values(row)
    .onConflictDoUpdate({
      target: [secrets.projectId, secrets.name],
      set: { ciphertext: row.ciphertext, updatedAt: new Date(), deletedAt: null },
    })
    .returning(columns);
  return saved;
}

export async function listSecrets(
  db: Tx,
  { projectId, before, limit }: { projectId: string; before?: string; limit: number },
) {
  return db
    .select(columns)
    .from(secrets)
    .where(
      and(
        eq(secrets.projectId, projectId),
        isNull(secrets.deletedAt),
        before ? lt(secrets.id, before) : undefined,
      ),
    )
    .orderBy(desc(secrets.id))
    .limit(limit + 1);
}

export async function deleteSecret(db: Tx, { projectId, id }: { projectId: string; id: string }) {
  const [row] = await db
    .delete(secrets)
    .where(and(eq(secrets.projectId, projectId), eq(secrets.id, id)))
    .returning({ id: secrets.id });
  return row ?? null;
}

/** Ciphertexts by name, for the worker to decrypt just before a call. */
export async function secretCiphertexts(
  db: Tx,
  { projectId, names }: { projectId: string; names?: string[] },
) {
  return db
    .select({ name: secrets.name, ciphertext: secrets.ciphertext })
    .from(secrets)
    .where(
      and(
        eq(secrets.projectId, projectId),
        isNull(secrets.deletedAt),
        names ? inArray(secrets.name, names) : undefined,
      ),
    );
}
