import { getDb, type Tx } from "@/db/client";
import { isId, newId } from "@/lib/ids";
import { AppError, notFound, type FieldError } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, toPage } from "@/lib/http/pagination";
import { validationError } from "@/lib/http/validation";
import { audit } from "@/lib/audit";
import { existingScenarioIds } from "@/lib/scenarios/repo";
import { existingTargetIds } from "@/lib/target-defs/repo";
import { freeSlug, slugify, suiteJson, type SuiteDetailJson } from "./json";
import {
  findSuite,
  insertSuite,
  linkedResources,
  listSuites,
  patchSuite,
  replaceScenarioLinks,
  replaceTargetLinks,
  slugsLike,
  slugTaken,
  suiteLinks,
  type SuiteRow,
  type SuiteValues,
} from "./repo";
import { suiteRunStats } from "./run-stats";
import {
  SLUG,
  type CreateSuiteInput,
  type ListSuitesQuery,
  type UpdateSuiteInput,
} from "./schemas";

export type ResolvedSuite = SuiteRow & { scenarioIds: string[]; targetIds: string[] };

/**
 * A suite of the project by id (`suite_…`) or slug, with its scenario and target ids in order.
 * Throws not_found for anything else, including other projects' suites. Archived suites are returned
 * (check `archived`).
 */
export async function resolveSuite(
  db: Tx,
  { projectId, idOrSlug }: { projectId: string; idOrSlug: string },
): Promise<ResolvedSuite> {
  const row = await findByIdOrSlug(db, projectId, idOrSlug);
  const links = (await suiteLinks(db, [row.id])).get(row.id)!;
  return { ...row, ...links };
}

async function findByIdOrSlug(db: Tx, projectId: string, idOrSlug: string): Promise<SuiteRow> {
  let row: SuiteRow | null = null;
  if (isId("suite", idOrSlug)) row = await findSuite(db, { projectId, id: idOrSlug });
  else if (SLUG.test(idOrSlug)) row = await findSuite(db, { projectId, slug: idOrSlug });
  if (!row) throw notFound("Suite");
  return row;
}

async function detail(db: Tx, projectId: string, row: SuiteRow): Promise<SuiteDetailJson> {
  const [links, stats, linked] = await Promise.all([
    suiteLinks(db, [row.id]),
    suiteRunStats(db, { projectId, suiteIds: [row.id] }),
    linkedResources(db, row.id),
  ]);
  return { ...suiteJson(row, links.get(row.id)!, stats.get(row.id)!), ...linked };
}

/** Every referenced scenario and target must exist in this project; another project's id does not. */
async function referenceErrors(
  db: Tx,
  projectId: string,
  refs: { scenarioIds?: string[]; targetIds?: string[] },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const check = (field: string, ids: string[], found: Set<string>, what: string) =>
    ids.forEach((id, i) => {
      if (!found.has(id))
        errors.push({
          field: `${field}.${i}`,
          code: "not_found",
          message: `${what} ${id} does not exist in this project`,
        });
    });
  if (refs.scenarioIds) {
    const ids = refs.scenarioIds.filter((id) => isId("scenario", id));
    check(
      "scenario_ids",
      refs.scenarioIds,
      await existingScenarioIds(db, { projectId, ids }),
      "Scenario",
    );
  }
  if (refs.targetIds) {
    const ids = refs.targetIds.filter((id) => isId("target", id));
    check("target_ids", refs.targetIds, await existingTargetIds(db, { projectId, ids }), "Target");
  }
  return errors;
}

const slugConflict = (slug: string) =>
  new AppError("conflict", `The slug "${slug}" is already used by another suite of this project`, {
    field: "slug",
    errors: [{ field: "slug", code: "conflict", message: "already used in this project" }],
  });

/** Insert with the given slug (conflict → 409) or the first free one derived from the name. */
async function insertWithSlug(
  tx: Tx,
  ctx: Ctx,
  values: Omit<SuiteValues, "slug">,
  slug?: string,
): Promise<SuiteRow> {
  if (slug) {
    const row = await insertSuite(tx, {
      ...values,
      slug,
      id: newId("suite"),
      projectId: ctx.projectId,
    });
    if (!row) throw slugConflict(slug);
    return row;
  }
  const base = slugify(values.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = freeSlug(base, await slugsLike(tx, { projectId: ctx.projectId, base }));
    const row = await insertSuite(tx, {
      ...values,
      slug: candidate,
      id: newId("suite"),
      projectId: ctx.projectId,
    });
    if (row) return row; // else a concurrent create took it: look again
  }
  throw new AppError("conflict", "Could not find a free slug; pass one explicitly", {
    field: "slug",
  });
}

// POST /api/v1/suites
export async function createSuite({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateSuiteInput;
}): Promise<SuiteDetailJson> {
  return getDb().transaction(async (tx) => {
    const errors = await referenceErrors(tx, ctx.projectId, {
      scenarioIds: input.scenario_ids,
      targetIds: input.target_ids,
    });
    if (errors.length > 0) throw validationError(errors);
    const values = {
      name: input.name,
      description: input.description ?? null,
      repeatCount: input.repeat_count,
      passThreshold: input.pass_threshold,
      maxConcurrency: input.max_concurrency ?? null,
      labels: input.labels,
      schedule: input.schedule ?? null,
    };
    const row = await insertWithSlug(tx, ctx, values, input.slug);
    await replaceScenarioLinks(tx, row.id, input.scenario_ids);
    await replaceTargetLinks(tx, row.id, input.target_ids);
    await audit(ctx, "suite.created", "suite", row.id, { slug: row.slug }, tx);
    return detail(tx, ctx.projectId, row);
  });
}

// GET /api/v1/suites — one query each for the page, its links and its run stats
export async function listProjectSuites({ ctx, query }: { ctx: Ctx; query: ListSuitesQuery }) {
  const db = getDb();
  const rows = await listSuites(db, {
    projectId: ctx.projectId,
    before: decodeCursor(query.cursor),
    limit: query.limit,
    label: query.label,
    q: query.q,
    includeArchived: query.include_archived === "true",
  });
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const [links, stats] = await Promise.all([
    suiteLinks(db, ids),
    suiteRunStats(db, { projectId: ctx.projectId, suiteIds: ids }),
  ]);
  return toPage(rows, query.limit, (r) => suiteJson(r, links.get(r.id)!, stats.get(r.id)!));
}

// GET /api/v1/suites/{id or slug}
export async function getSuite({
  ctx,
  idOrSlug,
}: {
  ctx: Ctx;
  idOrSlug: string;
}): Promise<SuiteDetailJson> {
  const db = getDb();
  return detail(db, ctx.projectId, await findByIdOrSlug(db, ctx.projectId, idOrSlug));
}

// PATCH /api/v1/suites/{id or slug} — given id lists replace the old ones, in the new order
export async function updateSuite({
  ctx,
  idOrSlug,
  input,
}: {
  ctx: Ctx;
  idOrSlug: string;
  input: UpdateSuiteInput;
}) {
  try {
    return await getDb().transaction(async (tx) => {
      const current = await findByIdOrSlug(tx, ctx.projectId, idOrSlug);
      const errors = await referenceErrors(tx, ctx.projectId, {
        scenarioIds: input.scenario_ids,
        targetIds: input.target_ids,
      });
      if (errors.length > 0) throw validationError(errors);
      if (
        input.slug &&
        input.slug !== current.slug &&
        (await slugTaken(tx, { projectId: ctx.projectId, slug: input.slug, exceptId: current.id }))
      ) {
        throw slugConflict(input.slug);
      }
      const row = await patchSuite(tx, {
        projectId: ctx.projectId,
        id: current.id,
        set: {
          name: input.name,
          slug: input.slug,
          description: input.description,
          repeatCount: input.repeat_count,
          passThreshold: input.pass_threshold,
          maxConcurrency: input.max_concurrency,
          labels: input.labels,
          schedule: input.schedule,
        },
      });
      if (!row) throw notFound("Suite");
      if (input.scenario_ids) await replaceScenarioLinks(tx, row.id, input.scenario_ids);
      if (input.target_ids) await replaceTargetLinks(tx, row.id, input.target_ids);
      await audit(ctx, "suite.updated", "suite", row.id, { fields: Object.keys(input) }, tx);
      return detail(tx, ctx.projectId, row);
    });
  } catch (err) {
    if (input.slug && isUniqueViolation(err)) throw slugConflict(input.slug); // lost a race for the slug
    throw err;
  }
}

// DELETE /api/v1/suites/{id or slug} — archive; its run history stays readable
export async function archiveSuite({ ctx, idOrSlug }: { ctx: Ctx; idOrSlug: string }) {
  return getDb().transaction(async (tx) => {
    const current = await findByIdOrSlug(tx, ctx.projectId, idOrSlug);
    await patchSuite(tx, { projectId: ctx.projectId, id: current.id, set: { archived: true } });
    await audit(ctx, "suite.archived", "suite", current.id, {}, tx);
    return { id: current.id, archived: true };
  });
}

// POST /api/v1/suites/{id}/duplicate — same scenarios, targets and settings; no schedule
export async function duplicateSuite({
  ctx,
  idOrSlug,
}: {
  ctx: Ctx;
  idOrSlug: string;
}): Promise<SuiteDetailJson> {
  return getDb().transaction(async (tx) => {
    const source = await resolveSuite(tx, { projectId: ctx.projectId, idOrSlug });
    const values = {
      name: `${source.name} (copy)`,
      description: source.description,
      repeatCount: source.repeatCount,
      passThreshold: source.passThreshold,
      maxConcurrency: source.maxConcurrency,
      labels: source.labels,
      schedule: null, // a copy that fires on the same cron would double the scheduled runs
    };
    const row = await insertWithSlug(tx, ctx, values);
    await replaceScenarioLinks(tx, row.id, source.scenarioIds);
    await replaceTargetLinks(tx, row.id, source.targetIds);
    await audit(ctx, "suite.duplicated", "suite", row.id, { source: source.id }, tx);
    return detail(tx, ctx.projectId, row);
  });
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
