import { and, eq, notExists } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { apiKeys, memberships, projects } from "@/db/schema";
import { newId } from "@/lib/ids";
import { sha256 } from "@/lib/crypto";
import { createApiKey } from "@/lib/keys/service";
import { createProject } from "@/lib/projects/service";
import { findProjectBySlug, insertMembership } from "@/lib/projects/repo";
import { createUser, findUserByEmail } from "@/lib/users/service";
import { log } from "@/lib/log";

/**
 * Headless initialization from ASSAY_INIT_* for self-hosters and automation. Idempotent: running it
 * again with the same values changes nothing.
 */
export async function applyInitEnv(
  db: Tx,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const email = env.ASSAY_INIT_USER_EMAIL;
  const password = env.ASSAY_INIT_USER_PASSWORD;
  const slug = env.ASSAY_INIT_PROJECT_SLUG;
  const key = env.ASSAY_INIT_API_KEY;
  let userId: string | null = null;
  if (email && password) {
    userId =
      (await findUserByEmail(db, email))?.id ?? (await createUser(db, { email, password })).id;
  }
  if (!slug) {
    if (key) log.warn("ASSAY_INIT_API_KEY needs ASSAY_INIT_PROJECT_SLUG; ignored");
    return;
  }
  const project =
    (await findProjectBySlug(db, slug)) ??
    (await createProject(db, { name: slug, slug, ownerId: userId }));
  if (userId)
    await insertMembership(db, {
      id: newId("membership"),
      projectId: project.id,
      userId,
      role: "owner",
    });
  if (key) {
    const [existing] = await db
      .select({ projectId: apiKeys.projectId })
      .from(apiKeys)
      .where(eq(apiKeys.hash, sha256(key)));
    if (!existing)
      await createApiKey(db, {
        projectId: project.id,
        name: "ASSAY_INIT_API_KEY",
        scope: "admin",
        createdBy: null,
        key,
      });
    else if (existing.projectId !== project.id)
      log.warn("ASSAY_INIT_API_KEY already belongs to another project; left unchanged");
  }
}

/** The first owner also owns every project that has no member yet (the seeded demo). */
export async function adoptOrphanProjects(db: Tx, userId: string): Promise<void> {
  const orphans = await db
    .select({ id: projects.id })
    .from(projects)
    .where(
      notExists(
        db
          .select({ one: memberships.id })
          .from(memberships)
          .where(and(eq(memberships.projectId, projects.id))),
      ),
    );
  for (const p of orphans)
    await insertMembership(db, { id: newId("membership"), projectId: p.id, userId, role: "owner" });
}
