import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, projectId, ts, updatedAt } from "./_common";
import { projects } from "./projects";

export const secrets = pgTable(
  "secrets",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    ciphertext: text("ciphertext").notNull(), // base64(iv | tag | AES-256-GCM ciphertext)
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [
    uniqueIndex("secrets_project_name_key").on(t.projectId, t.name),
    index("secrets_project_idx").on(t.projectId, t.createdAt.desc()),
  ],
);
