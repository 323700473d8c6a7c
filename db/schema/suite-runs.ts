import { doublePrecision, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, projectId, ts } from "./_common";
import { projects } from "./projects";

export const suiteRunStatuses = [
  "queued",
  "running",
  "passed",
  "failed",
  "error",
  "cancelled",
] as const;
export type SuiteRunStatus = (typeof suiteRunStatuses)[number];
export const triggers = ["ui", "api", "cli", "ci", "schedule", "batch", "resubmit"] as const;
export type Trigger = (typeof triggers)[number];

export const suiteRuns = pgTable(
  "suite_runs",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    suiteId: text("suite_id"), // null for ad-hoc batches
    suiteName: text("suite_name"),
    trigger: text("trigger", { enum: triggers }).notNull(),
    triggerMeta: jsonb("trigger_meta").$type<Record<string, unknown>>().notNull().default({}),
    configOverride: jsonb("config_override").$type<Record<string, unknown>>().notNull().default({}),
    triggeredBy: jsonb("triggered_by").$type<{
      type: "user" | "api_key" | "schedule" | "system";
      id: string | null;
      name: string | null;
    }>(),
    parentSuiteRunId: text("parent_suite_run_id"),
    status: text("status", { enum: suiteRunStatuses }).notNull().default("queued"),
    passThreshold: doublePrecision("pass_threshold").notNull().default(1),
    maxConcurrency: integer("max_concurrency"),
    // Counters move in the same transaction as the child rows they count.
    totalRuns: integer("total_runs").notNull().default(0),
    passedCount: integer("passed_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    erroredCount: integer("errored_count").notNull().default(0),
    cancelledCount: integer("cancelled_count").notNull().default(0),
    cancelRequestedAt: ts("cancel_requested_at"),
    createdAt: createdAt(),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
  },
  (t) => [
    index("suite_runs_project_idx").on(t.projectId, t.id.desc()),
    index("suite_runs_suite_idx").on(t.suiteId, t.id.desc()),
    index("suite_runs_parent_idx").on(t.parentSuiteRunId),
    index("suite_runs_active_idx")
      .on(t.status)
      .where(sql`status in ('queued', 'running')`),
  ],
);
