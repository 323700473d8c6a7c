import { boolean, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id, projectId, updatedAt } from "./_common";
import { projects } from "./projects";
import type { ScorerSpec } from "../../lib/scorers/types";

export type SimulationSpec = {
  persona: string;
  mission: string;
  max_turns: number;
  first_message?: string;
  stop_when?: string;
  simulator: { base_url: string; model: string; api_key_secret?: string };
  judge_criteria: string[];
};

export const scenarios = pgTable(
  "scenarios",
  {
    id: id(),
    projectId: projectId().references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    tags: text("tags").array().notNull().default([]),
    input: jsonb("input").$type<unknown>(),
    turns: jsonb("turns").$type<string[] | null>(),
    simulation: jsonb("simulation").$type<SimulationSpec | null>(),
    expectedOutput: jsonb("expected_output").$type<unknown>(),
    scorers: jsonb("scorers").$type<ScorerSpec[]>().notNull(),
    archived: boolean("archived").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("scenarios_project_idx").on(t.projectId, t.createdAt.desc())],
);
