import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./_common";

export const results = pgTable(
  "results",
  {
    id: id(),
    projectId: text("project_id").notNull(),
    suiteRunId: text("suite_run_id").notNull(),
    /** No foreign key (see `runs`): a result is inserted only joined to the run row it completes. */
    runId: text("run_id").notNull(),
    /** Position of the scorer on the scenario; unique per run, so a run has exactly one result set. */
    scorerIndex: integer("scorer_index").notNull(),
    scorer: text("scorer").notNull(),
    name: text("name").notNull(),
    passed: boolean("passed").notNull(),
    score: doublePrecision("score").notNull(),
    threshold: doublePrecision("threshold").notNull(),
    reason: text("reason").notNull().default(""),
    scorerOutput: jsonb("scorer_output").$type<Record<string, unknown>>().notNull(),
    durationMs: integer("duration_ms").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("results_run_scorer_key").on(t.runId, t.scorerIndex),
    index("results_suite_run_idx").on(t.suiteRunId, t.runId),
  ],
);
