import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { newId } from "@/lib/ids";
import { AppError } from "@/lib/errors";
import {
  findProjectBySlug,
  insertMembership,
  insertProject,
  listUserProjects,
  type ProjectRow,
} from "./repo";

export const slugSchema = z
  .string()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and dashes");

export const createProjectInput = z
  .object({ name: z.string().trim().min(1).max(100), slug: slugSchema.optional() })
  .strict();

export const projectJson = (
  p: ProjectRow | { id: string; slug: string; name: string; createdAt: Date },
  role?: string,
) => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  created_at: p.createdAt.toISOString(),
  ...(role ? { role } : {}),
});

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "project"
  );
}

/** Create a project; `ownerId` (a user) becomes its owner. Slug conflicts → 409. */
export async function createProject(
  db: Tx,
  input: { name: string; slug?: string; ownerId?: string | null },
): Promise<ProjectRow> {
  const slug = input.slug ?? slugify(input.name);
  if (await findProjectBySlug(db, slug))
    throw new AppError("conflict", `A project with slug "${slug}" already exists`, {
      field: "slug",
    });
  const project = await insertProject(db, { id: newId("project"), slug, name: input.name });
  if (input.ownerId)
    await insertMembership(db, {
      id: newId("membership"),
      projectId: project.id,
      userId: input.ownerId,
      role: "owner",
    });
  return project;
}

export async function projectsOfUser(userId: string) {
  const rows = await listUserProjects(getDb(), userId);
  return { data: rows.map((r) => projectJson(r, r.role)), next_cursor: null, has_more: false };
}

export async function createProjectForUser({
  userId,
  input,
}: {
  userId: string;
  input: z.infer<typeof createProjectInput>;
}) {
  const project = await getDb().transaction((tx) =>
    createProject(tx, { ...input, ownerId: userId }),
  );
  return projectJson(project, "owner");
}
