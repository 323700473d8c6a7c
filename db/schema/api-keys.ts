import { index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, projectId, ts } from "./_common";
import { projects } from "./projects";

export const keyScopeEnum = pgEnum("api_key_scope", ["read", "run", "admin"]);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: keyScopeEnum("scope").notNull(),
    hash: text("hash").notNull(), // SHA-256 hex of the whole key
    prefix: text("prefix").notNull(),
    last4: text("last4").notNull(),
    createdBy: text("created_by"),
    createdAt: createdAt(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.hash),
    index("api_keys_project_idx").on(t.projectId, t.createdAt.desc()),
  ],
);
