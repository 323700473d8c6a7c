import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, projectId } from "./_common";

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    projectId: projectId(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_project_idx").on(t.projectId, t.createdAt.desc())],
);
