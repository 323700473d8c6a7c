import { getDb } from "@/db/client";
import {
  scenarios,
  suites,
  suiteScenarios,
  suiteTargets,
  targets,
  type SimulationSpec,
} from "@/db/schema";
import { newId } from "@/lib/ids";
import type { ScorerSpec } from "@/lib/scorers/types";

export type SeedScenario = {
  name?: string;
  input: unknown;
  turns?: string[];
  simulation?: SimulationSpec;
  expected_output?: unknown;
  scorers: ScorerSpec[];
  archived?: boolean;
};

/** Insert a target, scenarios and a suite linking them, directly (tests of the engine, not of the CRUD API). */
export async function seedSuite(opts: {
  projectId: string;
  url: string;
  scenarios: SeedScenario[];
  target?: Partial<typeof targets.$inferInsert>;
  extraTargets?: Partial<typeof targets.$inferInsert>[];
  suite?: Partial<typeof suites.$inferInsert>;
}) {
  const db = getDb();
  const targetRows = [opts.target ?? {}, ...(opts.extraTargets ?? [])].map((t, i) => ({
    id: newId("target"),
    projectId: opts.projectId,
    name: `agent ${i + 1}`,
    type: "http" as const,
    config: { url: opts.url, output_path: "$.output" },
    timeoutMs: 5000,
    retries: 2,
    ...t,
  }));
  await db.insert(targets).values(targetRows);
  const scenarioRows = opts.scenarios.map((s, i) => ({
    id: newId("scenario"),
    projectId: opts.projectId,
    name: s.name ?? `case ${i + 1}`,
    input: s.input,
    turns: s.turns ?? null,
    simulation: s.simulation ?? null,
    expectedOutput: s.expected_output ?? null,
    scorers: s.scorers,
    archived: s.archived ?? false,
  }));
  await db.insert(scenarios).values(scenarioRows);
  const suiteId = newId("suite");
  await db.insert(suites).values({
    id: suiteId,
    projectId: opts.projectId,
    name: "Suite",
    slug: `suite-${suiteId.slice(-8)}`,
    ...opts.suite,
  });
  await db
    .insert(suiteScenarios)
    .values(scenarioRows.map((s, i) => ({ suiteId, scenarioId: s.id, position: i })));
  await db
    .insert(suiteTargets)
    .values(targetRows.map((t, i) => ({ suiteId, targetId: t.id, position: i })));
  return {
    suiteId,
    targetIds: targetRows.map((t) => t.id),
    scenarioIds: scenarioRows.map((s) => s.id),
  };
}
