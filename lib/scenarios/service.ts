import { getDb, type Tx } from "@/db/client";
import { isId, newId } from "@/lib/ids";
import { notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, toPage } from "@/lib/http/pagination";
import { validationError } from "@/lib/http/validation";
import { audit } from "@/lib/audit";
import { scenarioErrors } from "./rules";
import {
  findScenario,
  insertScenario,
  listScenarios,
  patchScenario,
  type ScenarioRow,
} from "./repo";
import type { CreateScenarioInput, ListScenariosQuery, UpdateScenarioInput } from "./schemas";

export function scenarioJson(s: ScenarioRow) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    tags: s.tags,
    input: s.input ?? null,
    turns: s.turns ?? null,
    simulation: s.simulation ?? null,
    expected_output: s.expectedOutput ?? null,
    scorers: s.scorers,
    archived: s.archived,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}
export type ScenarioJson = ReturnType<typeof scenarioJson>;

async function loadScenario(db: Tx, projectId: string, id: string): Promise<ScenarioRow> {
  const row = isId("scenario", id) ? await findScenario(db, { projectId, id }) : null;
  if (!row) throw notFound("Scenario");
  return row;
}

// POST /api/v1/scenarios
export async function createScenario({ ctx, input }: { ctx: Ctx; input: CreateScenarioInput }) {
  const values = {
    name: input.name,
    description: input.description ?? null,
    tags: input.tags,
    input: input.input,
    turns: input.turns ?? null,
    simulation: input.simulation ?? null,
    expectedOutput: input.expected_output ?? null,
    scorers: input.scorers,
  };
  const errors = scenarioErrors(values, { turns: true });
  if (errors.length > 0) throw validationError(errors);
  return getDb().transaction(async (tx) => {
    const row = await insertScenario(tx, {
      ...values,
      id: newId("scenario"),
      projectId: ctx.projectId,
    });
    await audit(ctx, "scenario.created", "scenario", row.id, { name: row.name }, tx);
    return scenarioJson(row);
  });
}

// GET /api/v1/scenarios — newest first; ?tag=, ?suite_id=, ?q=, ?include_archived=true
export async function listProjectScenarios({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: ListScenariosQuery;
}) {
  if (query.suite_id !== undefined && !isId("suite", query.suite_id)) {
    return toPage([] as ScenarioRow[], query.limit, scenarioJson); // no suite has that id
  }
  const rows = await listScenarios(getDb(), {
    projectId: ctx.projectId,
    before: decodeCursor(query.cursor),
    limit: query.limit,
    tag: query.tag,
    suiteId: query.suite_id,
    q: query.q,
    includeArchived: query.include_archived === "true",
  });
  return toPage(rows, query.limit, scenarioJson);
}

// GET /api/v1/scenarios/{id}
export async function getScenario({ ctx, id }: { ctx: Ctx; id: string }) {
  return scenarioJson(await loadScenario(getDb(), ctx.projectId, id));
}

// PATCH /api/v1/scenarios/{id}
export async function updateScenario({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: UpdateScenarioInput;
}) {
  return getDb().transaction(async (tx) => {
    const current = await loadScenario(tx, ctx.projectId, id);
    const set = {
      name: input.name,
      description: input.description,
      tags: input.tags,
      input: input.input,
      turns: input.turns,
      simulation: input.simulation,
      expectedOutput: input.expected_output,
      scorers: input.scorers,
    };
    const next = {
      scorers: set.scorers ?? current.scorers,
      turns: set.turns === undefined ? current.turns : set.turns,
      simulation: set.simulation === undefined ? current.simulation : set.simulation,
      expectedOutput:
        set.expectedOutput === undefined ? current.expectedOutput : set.expectedOutput,
    };
    const errors = scenarioErrors(next, { turns: set.turns != null });
    if (errors.length > 0) throw validationError(errors);
    const row = await patchScenario(tx, { projectId: ctx.projectId, id, set });
    if (!row) throw notFound("Scenario");
    await audit(ctx, "scenario.updated", "scenario", id, { fields: Object.keys(input) }, tx);
    return scenarioJson(row);
  });
}

// DELETE /api/v1/scenarios/{id} — archive: suites skip it and report it as skipped
export async function archiveScenario({ ctx, id }: { ctx: Ctx; id: string }) {
  return getDb().transaction(async (tx) => {
    await loadScenario(tx, ctx.projectId, id);
    await patchScenario(tx, { projectId: ctx.projectId, id, set: { archived: true } });
    await audit(ctx, "scenario.archived", "scenario", id, {}, tx);
    return { id, archived: true };
  });
}
