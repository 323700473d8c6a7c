import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { adoptOrphanProjects } from "@/lib/boot/init";
import { countUsers, createUser } from "./service";

export const setupInput = z.strictObject({
  email: z.string().trim().email().max(320),
  password: z.string().min(8, "at least 8 characters").max(1000),
  name: z.string().trim().min(1).max(200).optional(),
});
export type SetupInput = z.infer<typeof setupInput>;

// Any fixed number: serialises concurrent first-run requests so only one owner is created.
const SETUP_LOCK = 7_310_421;

/** Whether the first-run setup page should be offered (no user exists yet). */
export async function needsSetup(): Promise<boolean> {
  return (await countUsers()) === 0;
}

/**
 * First-run owner creation: allowed only while no user exists. The new user owns every project
 * that has no member yet (the seeded demo), then signs in like anyone else.
 */
export async function createFirstOwner(input: SetupInput) {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK})`);
    if ((await countUsers(tx)) > 0)
      throw new AppError("conflict", "Assay is already set up: sign in instead");
    const user = await createUser(tx, {
      email: input.email,
      password: input.password,
      name: input.name ?? null,
    });
    await adoptOrphanProjects(tx, user.id);
    return { id: user.id, email: user.email, name: user.name };
  });
}
