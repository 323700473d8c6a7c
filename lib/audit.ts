import { getDb, type Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { newId } from "@/lib/ids";
import type { Ctx } from "@/lib/auth/types";

/** Append to the project's audit log: who did what to which resource. */
export async function audit(
  ctx: Ctx,
  action: string,
  resourceType: string,
  resourceId: string | null,
  meta: Record<string, unknown> = {},
  db: Tx = getDb(),
) {
  await db.insert(auditLog).values({
    id: newId("audit"),
    projectId: ctx.projectId,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    action,
    resourceType,
    resourceId,
    meta,
  });
}
