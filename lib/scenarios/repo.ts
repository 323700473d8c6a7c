import { and, arrayContains, desc, eq, exists, ilike, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { scenarios, suiteScenarios, type SimulationSpec } from "@/db/schema";
import type { ScorerSpec } from "@/lib/scorers/types";

const columns = {
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
};

export type ScenarioRow = {
  id: string;
  name: string;
  description: string | null;
  tags: string[];
  input: unknown;
  turns: string[] | null;
  simulation: SimulationSpec | null;
  expectedOutput: unknown;
  scorers: ScorerSpec[];
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type ScenarioValues = Omit<ScenarioRow, "id" | "archived" | "createdAt" | "updatedAt">;

export async function insertScenario(
  db: Tx,
  row: ScenarioValues & { id: string; projectId: string },
): Promise<ScenarioRow> {
  const [created] = await db.insert(scenarios).values(row).returning(columns);
  return created;
}

/** `%` and `_` in a search are literal characters, not wildcards. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listScenarios(
  db: Tx,
  filter: {
    projectId: string;
    before?: string;
    limit: number;
    tag?: string;
    suiteId?: string;
    q?: string;
    includeArchived: boolean;
  },
): Promise<ScenarioRow[]> {
  const inSuite = (suiteId: string) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(suiteScenarios)
        .where(
          and(eq(suiteScenarios.suiteId, suiteId), eq(suiteScenarios.scenarioId, scenarios.id)),
        ),
    );
  return db
    .select(columns)
    .from(scenarios)
    .where(
      and(
        eq(scenarios.projectId, filter.projectId),
        filter.before ? lt(scenarios.id, filter.before) : undefined,
        filter.includeArchived ? undefined : eq(scenarios.archived, false),
        filter.tag ? arrayContains(scenarios.tags, [filter.tag]) : undefined,
        filter.q ? ilike(scenarios.name, `%${likeEscape(filter.q)}%`) : undefined,
        filter.suiteId ? inSuite(filter.suiteId) : undefined,
      ),
    )
    .orderBy(desc(scenarios.id))
    .limit(filter.limit + 1);
}

export async function findScenario(
  db: Tx,
  { projectId, id }: { projectId: string; id: string },
): Promise<ScenarioRow | null> {
  const [row] = await db
    .select(columns)
    .from(scenarios)
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)))
    .limit(1);
  return row ?? null;
}

export async function patchScenario(
  db: Tx,
  {
    projectId,
    id,
    set,
  }: { projectId: string; id: string; set: Partial<ScenarioValues> & { archived?: boolean } },
): Promise<ScenarioRow | null> {
  const [row] = await db
    .update(scenarios)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(scenarios.projectId, projectId), eq(scenarios.id, id)))
    .returning(columns);
  return row ?? null;
}

/** Which of `ids` name scenarios of this project (archived ones included). */
export async function existingScenarioIds(
  db: Tx,
  { projectId, ids }: { projectId: string; ids: string[] },
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(and(eq(scenarios.projectId, projectId), inArray(scenarios.id, ids)));
  return new Set(rows.map((r) => r.id));
}
