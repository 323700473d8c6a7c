import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { memberships, projects, users } from "@/db/schema";

export type ProjectRow = typeof projects.$inferSelect;

export async function insertProject(
  db: Tx,
  row: { id: string; slug: string; name: string },
): Promise<ProjectRow> {
  const [created] = await db.insert(projects).values(row).returning();
  return created;
}

export async function findProjectBySlug(db: Tx, slug: string): Promise<ProjectRow | null> {
  const [row] = await db.select().from(projects).where(eq(projects.slug, slug)).limit(1);
  return row ?? null;
}

/** The caller's membership in a project named by id or slug. */
export async function findMembership(
  db: Tx,
  { userId, project }: { userId: string; project: string },
) {
  const [row] = await db
    .select({
      projectId: projects.id,
      projectSlug: projects.slug,
      projectName: projects.name,
      role: memberships.role,
      userLabel: sql<string>`coalesce(${users.name}, ${users.email})`,
    })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.userId, userId), or(eq(projects.id, project), eq(projects.slug, project))),
    )
    .limit(1);
  return row ?? null;
}

export async function listUserProjects(db: Tx, userId: string) {
  return db
    .select({
      id: projects.id,
      slug: projects.slug,
      name: projects.name,
      role: memberships.role,
      createdAt: projects.createdAt,
    })
    .from(memberships)
    .innerJoin(projects, eq(projects.id, memberships.projectId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(projects.createdAt));
}

export async function insertMembership(
  db: Tx,
  row: {
    id: string;
    projectId: string;
    userId: string;
    role: "owner" | "admin" | "member" | "viewer";
  },
) {
  await db.insert(memberships).values(row).onConflictDoNothing();
}
