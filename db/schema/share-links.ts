import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, projectId, ts } from "./_common";
import { projects } from "./projects";

export const shareLinks = pgTable(
  "share_links",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    suiteRunId: text("suite_run_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ts("expires_at"),
    revokedAt: ts("revoked_at"),
    createdBy: text("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("share_links_token_key").on(t.tokenHash),
    index("share_links_suite_run_idx").on(t.projectId, t.suiteRunId),
  ],
);
