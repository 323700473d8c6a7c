import { count, eq, sql } from "drizzle-orm";
import { hash, verify } from "@node-rs/argon2";
import { getDb, type Tx } from "@/db/client";
import { users } from "@/db/schema";
import { newId } from "@/lib/ids";

const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 }; // OWASP argon2id baseline
const LOCK_AFTER = 10;
const LOCK_MINUTES = 15;

let dummyHash: Promise<string> | undefined;

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function countUsers(db: Tx = getDb()): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n;
}

export async function findUserByEmail(db: Tx, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row ?? null;
}

export async function createUser(
  db: Tx,
  input: { email: string; password: string; name?: string | null },
) {
  const [row] = await db
    .insert(users)
    .values({
      id: newId("user"),
      email: input.email.toLowerCase(),
      name: input.name ?? null,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row;
}

/**
 * Check a password. Repeated failures lock the account for 15 minutes; a locked account is refused
 * even with the right password, and argon2 runs either way so timing does not reveal which.
 */
export async function verifyCredentials(email: string, password: string) {
  const db = getDb();
  const user = await findUserByEmail(db, email);
  if (!user) {
    dummyHash ??= hashPassword("no-such-user-dummy-password");
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const locked = user.lockedUntil && user.lockedUntil > new Date();
  const ok = await verify(user.passwordHash, password).catch(() => false);
  if (locked) return null;
  if (!ok) {
    await db
      .update(users)
      .set({
        failedLogins: sql`${users.failedLogins} + 1`,
        lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${LOCK_AFTER} then now() + make_interval(mins => ${LOCK_MINUTES}) else null end`,
      })
      .where(eq(users.id, user.id));
    return null;
  }
  if (user.failedLogins > 0)
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  return { id: user.id, email: user.email, name: user.name };
}
