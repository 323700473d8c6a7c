import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, id, projectId, ts, updatedAt } from "./_common";
import { projects } from "./projects";
import { scenarios } from "./scenarios";
import { targets } from "./targets";

export const suites = pgTable(
  "suites",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description"),
    repeatCount: integer("repeat_count").notNull().default(1),
    passThreshold: doublePrecision("pass_threshold").notNull().default(1),
    maxConcurrency: integer("max_concurrency"),
    labels: text("labels").array().notNull().default([]),
    schedule: jsonb("schedule").$type<{ cron: string; timezone: string } | null>(),
    lastScheduledAt: ts("last_scheduled_at"),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("suites_project_slug_key").on(t.projectId, t.slug),
    index("suites_project_idx").on(t.projectId, t.createdAt.desc()),
  ],
);

/** Ordered links: `position` keeps the order the user gave. */
export const suiteScenarios = pgTable(
  "suite_scenarios",
  {
    suiteId: text("suite_id")
      .notNull()
      .references(() => suites.id, { onDelete: "cascade" }),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.suiteId, t.scenarioId] }),
    index("suite_scenarios_scenario_idx").on(t.scenarioId),
  ],
);

export const suiteTargets = pgTable(
  "suite_targets",
  {
    suiteId: text("suite_id")
      .notNull()
      .references(() => suites.id, { onDelete: "cascade" }),
    targetId: text("target_id")
      .notNull()
      .references(() => targets.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.suiteId, t.targetId] }),
    index("suite_targets_target_idx").on(t.targetId),
  ],
);
