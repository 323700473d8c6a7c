import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./_common";

/** One row per (project, route, key). The response is stored byte for byte for replays. */
export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    projectId: text("project_id").notNull(),
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.scope, t.key] })],
);
