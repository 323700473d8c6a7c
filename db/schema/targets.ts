import { boolean, index, integer, jsonb, pgTable, real, text } from "drizzle-orm/pg-core";
import { createdAt, id, projectId, updatedAt } from "./_common";
import { projects } from "./projects";

export const targets = pgTable(
  "targets",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    type: text("type", { enum: ["http", "prompt", "code", "workflow"] }).notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull(),
    timeoutMs: integer("timeout_ms").notNull().default(30000),
    retries: integer("retries").notNull().default(2),
    maxConcurrency: integer("max_concurrency"),
    rateLimitPerS: real("rate_limit_per_s"),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("targets_project_idx").on(t.projectId, t.createdAt.desc())],
);
