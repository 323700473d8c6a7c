import {
  bigint,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  real,
  text,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, ts } from "./_common";

export const runStatuses = ["queued", "running", "passed", "failed", "error", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];

export type TranscriptEntry = {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
  latency_ms?: number;
  speaker?: "scripted" | "simulator" | "target";
  tokens?: { prompt: number; completion: number };
};

export const runs = pgTable(
  "runs",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    /**
     * No foreign keys on the engine's hot tables (runs → suite_runs, results → runs): their rows are
     * written only by the engine, in the same transaction as their parent (or joined to it), and never
     * deleted on their own. A key check per row cost a third of a 150,000-run trigger's insert and a
     * quarter of every completion statement (BENCHMARKS.md).
     */
    suiteRunId: text("suite_run_id").notNull(),
    scenarioId: text("scenario_id").notNull(),
    targetId: text("target_id").notNull(),
    repeatIndex: integer("repeat_index").notNull(),
    /** Runs are claimed by jobs in chunks of consecutive ids: one graphile-worker job per chunk (lib/engine/chunks.ts). */
    chunk: integer("chunk").notNull(),
    status: text("status", { enum: runStatuses }).notNull().default("queued"),
    attempt: integer("attempt").notNull().default(0),
    leaseExpiresAt: ts("lease_expires_at"),
    workerId: text("worker_id"),
    output: jsonb("output").$type<unknown>(),
    transcript: jsonb("transcript").$type<TranscriptEntry[]>(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    latencyMs: integer("latency_ms"),
    tokens: jsonb("tokens").$type<{ prompt: number; completion: number; total: number } | null>(),
    costUsd: real("cost_usd"),
    meta: jsonb("meta").$type<Record<string, unknown> | null>(),
    /** Global order of completion: the SSE stream resumes from it (Last-Event-ID). */
    completedSeq: bigint("completed_seq", { mode: "number" }),
    createdAt: createdAt(),
    startedAt: ts("started_at"),
    completedAt: ts("completed_at"),
  },
  (t) => [
    index("runs_suite_run_idx").on(t.suiteRunId, t.id),
    index("runs_suite_run_status_idx").on(t.suiteRunId, t.status, t.id),
    index("runs_suite_run_seq_idx")
      .on(t.suiteRunId, t.completedSeq)
      .where(sql`completed_seq is not null`),
    index("runs_lease_idx")
      .on(t.leaseExpiresAt)
      .where(sql`status = 'running'`),
  ],
);

export const runCompletionSeq = pgSequence("run_completion_seq");
