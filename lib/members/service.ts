import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { isId, newId } from "@/lib/ids";
import type { Ctx, Role } from "@/lib/auth/types";
import { audit } from "@/lib/audit";
import { createUser, findUserByEmail } from "@/lib/users/service";

const role = z.enum(["owner", "admin", "member", "viewer"]);
export const addMemberInput = z
  .object({
    email: z.string().trim().email().max(320),
    role,
    /** Self-hosted Assay sends no email: a new user can be created with an initial password. */
    password: z.string().min(8).max(200).optional(),
    name: z.string().trim().max(100).optional(),
  })
  .strict();
export const updateMemberInput = z.object({ role }).strict();

type MemberRow = {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
};
const memberJson = (m: MemberRow) => ({
  id: m.id,
  user_id: m.userId,
  email: m.email,
  name: m.name,
  role: m.role,
  created_at: m.createdAt.toISOString(),
});

const columns = {
  id: memberships.id,
  userId: users.id,
  email: users.email,
  name: users.name,
  role: memberships.role,
  createdAt: memberships.createdAt,
};

// GET /api/v1/members
export async function listMembers({ ctx }: { ctx: Ctx }) {
  const rows = await getDb()
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, ctx.projectId))
    .orderBy(asc(memberships.createdAt));
  return {
    data: rows.map(memberJson),
    next_cursor: null,
    has_more: false,
    me: ctx.actor.type === "user" ? { user_id: ctx.actor.id, role: ctx.actor.role } : null,
  };
}

/** Only an owner may make or unmake owners. */
function assertMayGrant(ctx: Ctx, target: Role, current?: Role) {
  const isOwner = ctx.actor.type === "user" && ctx.actor.role === "owner";
  if ((target === "owner" || current === "owner") && !isOwner)
    throw new AppError("forbidden", "Only an owner can grant or change the owner role");
}

// POST /api/v1/members — add a user (creating them with a password when they do not exist yet)
export async function addMember({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.infer<typeof addMemberInput>;
}) {
  assertMayGrant(ctx, input.role);
  const db = getDb();
  const member = await db.transaction(async (tx) => {
    let userId = (await findUserByEmail(tx, input.email))?.id;
    if (!userId) {
      if (!input.password) {
        throw new AppError(
          "validation_failed",
          "No user has this email yet: give an initial password to create one",
          {
            field: "password",
            errors: [
              { field: "password", code: "required", message: "required to create a new user" },
            ],
          },
        );
      }
      userId = (
        await createUser(tx, { email: input.email, password: input.password, name: input.name })
      ).id;
    }
    const inserted = await tx
      .insert(memberships)
      .values({ id: newId("membership"), projectId: ctx.projectId, userId, role: input.role })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (inserted.length === 0)
      throw new AppError("conflict", "This user is already a member of the project", {
        field: "email",
      });
    const [row] = await tx
      .select(columns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.id, inserted[0].id));
    return row;
  });
  await audit(ctx, "member.added", "membership", member.id, { role: input.role });
  return memberJson(member);
}

async function requireMember(ctx: Ctx, id: string) {
  if (!isId("membership", id)) throw notFound("Member");
  const [row] = await getDb()
    .select(columns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, id), eq(memberships.projectId, ctx.projectId)));
  if (!row) throw notFound("Member");
  return row;
}

async function assertNotLastOwner(ctx: Ctx, member: MemberRow) {
  if (member.role !== "owner") return;
  const [{ owners }] = await getDb()
    .select({ owners: count() })
    .from(memberships)
    .where(and(eq(memberships.projectId, ctx.projectId), eq(memberships.role, "owner")));
  if (owners <= 1) throw new AppError("conflict", "A project keeps at least one owner");
}

// PATCH /api/v1/members/{id}
export async function updateMember({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: z.infer<typeof updateMemberInput>;
}) {
  const member = await requireMember(ctx, id);
  assertMayGrant(ctx, input.role, member.role);
  if (input.role !== "owner") await assertNotLastOwner(ctx, member);
  await getDb().update(memberships).set({ role: input.role }).where(eq(memberships.id, id));
  await audit(ctx, "member.role_changed", "membership", id, { from: member.role, to: input.role });
  return memberJson({ ...member, role: input.role });
}

// DELETE /api/v1/members/{id}
export async function removeMember({ ctx, id }: { ctx: Ctx; id: string }) {
  const member = await requireMember(ctx, id);
  assertMayGrant(ctx, member.role, member.role);
  await assertNotLastOwner(ctx, member);
  await getDb().delete(memberships).where(eq(memberships.id, id));
  await audit(ctx, "member.removed", "membership", id);
  return { id, removed: true };
}
