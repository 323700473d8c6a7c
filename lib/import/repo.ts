import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scenarios, suiteScenarios, suiteTargets, suites, targets } from "@/db/schema";
import type { ScenarioRow, ScenarioValues } from "@/lib/scenarios/repo";

// Rows per INSERT: each statement carries its rows as one JSON parameter (a few MB at most).
const CHUNK = 5000;

/**
 * Set-based: one INSERT … SELECT FROM json_to_recordset per 5,000 scenarios, ids given (they keep
 * the file's order). A single JSON parameter is several times faster than a VALUES list with ten
 * parameters per row, and never nears PostgreSQL's 65,535-parameter limit.
 */
export async function insertScenarios(
  db: Tx,
  projectId: string,
  rows: (ScenarioValues & { id: string })[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const payload = JSON.stringify(
      rows.slice(i, i + CHUNK).map((row) => ({
        id: row.id,
        name: row.name,
        description: row.description,
        tags: row.tags,
        input: row.input ?? null,
        turns: row.turns,
        simulation: row.simulation,
        expected_output: row.expectedOutput ?? null,
        scorers: row.scorers,
      })),
    );
    // JSON null becomes SQL NULL, as drizzle writes a null input or expected_output.
    await db.execute(sql`
      insert into ${scenarios} (id, project_id, name, description, tags, input, turns, simulation, expected_output, scorers)
      select r.id, ${projectId}, r.name, r.description, r.tags, r.input, r.turns, r.simulation, r.expected_output, r.scorers
      from json_to_recordset(${payload}::text::json) as r(
        id text, name text, description text, tags text[], input jsonb, turns jsonb,
        simulation jsonb, expected_output jsonb, scorers jsonb)`);
  }
}

/** Lock the suite while scenarios are appended, so concurrent imports cannot both take a name. */
export async function lockSuite(db: Tx, { projectId, id }: { projectId: string; id: string }) {
  const [row] = await db
    .select({ id: suites.id, name: suites.name, archived: suites.archived })
    .from(suites)
    .where(and(eq(suites.projectId, projectId), eq(suites.id, id)))
    .for("update");
  return row ?? null;
}

/** Names of the suite's active scenarios. */
export async function suiteScenarioNames(db: Tx, suiteId: string): Promise<Set<string>> {
  const rows = await db
    .select({ name: scenarios.name })
    .from(suiteScenarios)
    .innerJoin(scenarios, eq(scenarios.id, suiteScenarios.scenarioId))
    .where(and(eq(suiteScenarios.suiteId, suiteId), eq(scenarios.archived, false)));
  return new Set(rows.map((r) => r.name));
}

/** Add scenarios after the suite's last one, in the given order: one statement. */
export async function appendScenarioLinks(db: Tx, suiteId: string, scenarioIds: string[]) {
  await db.execute(sql`
    insert into ${suiteScenarios} (suite_id, scenario_id, position)
    select ${suiteId}, t.id, base.last + t.n
    from json_array_elements_text(${JSON.stringify(scenarioIds)}::text::json) with ordinality as t(id, n),
      (select coalesce(max(position), -1) as last from ${suiteScenarios} where suite_id = ${suiteId}) as base`);
}

/** Attach a target to a suite unless it already is. */
export async function linkTarget(db: Tx, suiteId: string, targetId: string) {
  await db
    .insert(suiteTargets)
    .values({
      suiteId,
      targetId,
      position: sql`(select coalesce(max(${suiteTargets.position}), -1) + 1 from ${suiteTargets} where ${suiteTargets.suiteId} = ${suiteId})`,
    })
    .onConflictDoNothing();
}

/** Active http targets of the project with this name, to reuse one with the same config. */
export async function httpTargetsNamed(
  db: Tx,
  { projectId, name }: { projectId: string; name: string },
) {
  return db
    .select({ id: targets.id, config: targets.config })
    .from(targets)
    .where(
      and(
        eq(targets.projectId, projectId),
        eq(targets.name, name),
        eq(targets.type, "http"),
        eq(targets.archived, false),
      ),
    )
    .orderBy(asc(targets.id));
}

/** The suite's active scenarios in suite order (export). */
export async function suiteScenarioRows(
  db: Tx,
  { projectId, suiteId }: { projectId: string; suiteId: string },
): Promise<ScenarioRow[]> {
  return db
    .select({
      id: scenarios.id,
      name: scenarios.name,
      description: scenarios.description,
      tags: scenarios.tags,
      input: scenarios.input,
      turns: scenarios.turns,
      simulation: scenarios.simulation,
      expectedOutput: scenarios.expectedOutput,
      scorers: scenarios.scorers,
      archived: scenarios.archived,
      createdAt: scenarios.createdAt,
      updatedAt: scenarios.updatedAt,
    })
    .from(suiteScenarios)
    .innerJoin(scenarios, eq(scenarios.id, suiteScenarios.scenarioId))
    .where(
      and(
        eq(suiteScenarios.suiteId, suiteId),
        eq(scenarios.projectId, projectId),
        eq(scenarios.archived, false),
      ),
    )
    .orderBy(asc(suiteScenarios.position));
}
