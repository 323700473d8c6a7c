import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts } from "./_common";

/** Cross-process concurrency slots (per target, per suite run): a slot is held until released or its lease expires. */
export const concurrencySlots = pgTable(
  "concurrency_slots",
  {
    key: text("key").notNull(),
    slot: integer("slot").notNull(),
    holder: text("holder"),
    expiresAt: ts("expires_at"),
  },
  (t) => [primaryKey({ columns: [t.key, t.slot] })],
);

/** Cross-process rate limits: each caller reserves the next free instant (GCRA). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  nextAt: ts("next_at").notNull(),
});

export const workerHeartbeats = pgTable("worker_heartbeats", {
  workerId: text("worker_id").primaryKey(),
  startedAt: ts("started_at").notNull(),
  lastHeartbeatAt: ts("last_heartbeat_at").notNull(),
});

/** Login attempts per email+ip window for rate limiting. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    key: text("key").notNull(),
    windowStart: ts("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
