import { getDb, type Tx } from "@/db/client";
import { isId, newId, newIds } from "@/lib/ids";
import { AppError, notFound } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { audit } from "@/lib/audit";
import { findSuite, insertSuite, slugsLike } from "@/lib/suites/repo";
import { freeSlug, slugify } from "@/lib/suites/json";
import { SLUG } from "@/lib/suites/schemas";
import { findTarget, insertTarget } from "@/lib/target-defs/repo";
import { validateTargetConfig } from "@/lib/targets";
import { deepEqual } from "@/lib/scorers/shared";
import type { DetectedFormat } from "./detect";
import { fileError, rowsError } from "./errors";
import { previewOf, type PreviewRow } from "./preview";
import { readUpload } from "./read";
import {
  appendScenarioLinks,
  httpTargetsNamed,
  insertScenarios,
  linkTarget,
  lockSuite,
  suiteScenarioNames,
} from "./repo";
import {
  MAX_LISTED_ERRORS,
  type ImportOptions,
  type MappingEntry,
  type RowError,
  type Upload,
  type WorkloadTarget,
} from "./types";
import { nameErrors, validateDrafts, type ValidRow } from "./validate";

export type ImportResult = {
  format: DetectedFormat;
  dry_run: boolean;
  /** Scenarios written (0 in a dry run). */
  created: number;
  /** Rows read from the file, and how many of them a real import would write. */
  total: number;
  would_create: number;
  error_count: number;
  errors: RowError[];
  scenario_ids: string[];
  suite_id: string | null;
  suite_created: boolean;
  target_id: string | null;
  target_created: boolean;
  /** Dry runs only: how the file maps onto scenarios, and its first rows. */
  mapping?: MappingEntry[];
  preview?: PreviewRow[];
};

type SuiteRef = { id: string; name: string };

async function existingSuite(db: Tx, projectId: string, idOrSlug: string): Promise<SuiteRef> {
  let row = null;
  if (isId("suite", idOrSlug)) row = await findSuite(db, { projectId, id: idOrSlug });
  else if (SLUG.test(idOrSlug)) row = await findSuite(db, { projectId, slug: idOrSlug });
  if (!row) throw notFound("Suite");
  if (row.archived) {
    throw new AppError(
      "conflict",
      `Suite "${row.name}" is archived; restore it or import into another suite`,
      {
        field: "suite_id",
      },
    );
  }
  return { id: row.id, name: row.name };
}

function checkWorkloadTarget(target: WorkloadTarget) {
  const problems = validateTargetConfig("http", target.config);
  if (problems.length > 0) {
    const first = problems[0];
    throw fileError(`The workload's target is invalid: ${first.field}: ${first.message}`, {
      field: `target.${first.field.replace(/^config\./, "")}`,
    });
  }
}

/** The workload's http target: an active one with the same name and config, else a new one. */
async function workloadTarget(tx: Tx, ctx: Ctx, target: WorkloadTarget) {
  const candidates = await httpTargetsNamed(tx, { projectId: ctx.projectId, name: target.name });
  const same = candidates.find((c) => deepEqual(c.config, target.config));
  if (same) return { id: same.id, created: false };
  const row = await insertTarget(tx, {
    id: newId("target"),
    projectId: ctx.projectId,
    name: target.name,
    type: "http",
    description: "Created by a workload import",
    config: target.config,
    timeoutMs: 30_000,
    retries: 2,
    maxConcurrency: null,
    rateLimitPerS: null,
  });
  await audit(ctx, "target.created", "target", row.id, { type: "http", name: row.name }, tx);
  return { id: row.id, created: true };
}

async function createSuite(tx: Tx, ctx: Ctx, name: string, format: DetectedFormat) {
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = freeSlug(base, await slugsLike(tx, { projectId: ctx.projectId, base }));
    const row = await insertSuite(tx, {
      id: newId("suite"),
      projectId: ctx.projectId,
      name,
      slug,
      description: `Imported from a ${format} file`,
      repeatCount: 1,
      passThreshold: 1,
      maxConcurrency: null,
      labels: [],
      schedule: null,
    });
    if (row) {
      await audit(ctx, "suite.created", "suite", row.id, { slug: row.slug }, tx);
      return row.id;
    }
  }
  throw new AppError("conflict", "Could not find a free slug for the new suite; try another name", {
    field: "suite_name",
  });
}

const byRow = (a: RowError, b: RowError) => a.row - b.row;

// POST /api/v1/scenarios/import
export async function importScenarios({
  ctx,
  upload,
  options,
}: {
  ctx: Ctx;
  upload: Upload;
  options: ImportOptions;
}): Promise<ImportResult> {
  const { format, result } = readUpload(upload, options.format, { judge: options.judge });
  if (result.target) checkWorkloadTarget(result.target);
  const db = getDb();
  const suite = options.suiteId ? await existingSuite(db, ctx.projectId, options.suiteId) : null;
  if (options.targetId) {
    const found = isId("target", options.targetId)
      ? await findTarget(db, { projectId: ctx.projectId, id: options.targetId })
      : null;
    if (!found || found.archived) throw notFound("Target");
  }

  const total = result.drafts.length;
  const { valid, errors } = validateDrafts(result.drafts);
  const names = suite
    ? { names: await suiteScenarioNames(db, suite.id), suiteName: suite.name }
    : null;
  errors.push(...nameErrors(valid, names));
  errors.sort(byRow);
  const failed = new Set(errors.map((e) => e.row));
  const rows = valid.filter((r) => !failed.has(r.row));
  const writable = errors.length === 0 || options.partial ? rows.length : 0;

  const base = {
    format,
    total,
    would_create: writable,
    error_count: errors.length,
    errors: errors.slice(0, MAX_LISTED_ERRORS),
    suite_id: suite?.id ?? null,
    suite_created: false,
    target_id: null,
    target_created: false,
  };
  if (options.dryRun) {
    return {
      ...base,
      dry_run: true,
      created: 0,
      scenario_ids: [],
      mapping: result.mapping,
      preview: previewOf(result.drafts, errors),
    };
  }
  if (writable === 0) throw rowsError(errors, total);

  return getDb().transaction(async (tx) => {
    const written = await writeRows(tx, ctx, { rows, suite, options, errors, total });
    const target = result.target ? await workloadTarget(tx, ctx, result.target) : null;
    let suiteId = suite?.id ?? null;
    if (options.suiteName) suiteId = await createSuite(tx, ctx, options.suiteName, format);
    if (suiteId) {
      await appendScenarioLinks(tx, suiteId, written.ids);
      if (target) await linkTarget(tx, suiteId, target.id);
      if (options.targetId) await linkTarget(tx, suiteId, options.targetId);
    }
    await audit(
      ctx,
      "scenario.imported",
      "scenario",
      null,
      { format, created: written.ids.length, suite_id: suiteId },
      tx,
    );
    return {
      ...base,
      error_count: written.errors.length,
      errors: written.errors.slice(0, MAX_LISTED_ERRORS),
      dry_run: false,
      created: written.ids.length,
      would_create: written.ids.length,
      scenario_ids: written.ids,
      suite_id: suiteId,
      suite_created: Boolean(options.suiteName),
      target_id: target?.id ?? null,
      target_created: target?.created ?? false,
    };
  });
}

/**
 * Insert the rows in one transaction. With a suite, its lock is taken first and names are checked
 * again: another import may have added one since the first check.
 */
async function writeRows(
  tx: Tx,
  ctx: Ctx,
  args: {
    rows: ValidRow[];
    suite: SuiteRef | null;
    options: ImportOptions;
    errors: RowError[];
    total: number;
  },
): Promise<{ ids: string[]; errors: RowError[] }> {
  let { rows, errors } = args;
  if (args.suite) {
    const locked = await lockSuite(tx, { projectId: ctx.projectId, id: args.suite.id });
    if (!locked || locked.archived) throw notFound("Suite");
    const late = nameErrors(rows, {
      names: await suiteScenarioNames(tx, args.suite.id),
      suiteName: locked.name,
    });
    if (late.length > 0) {
      errors = [...errors, ...late].sort(byRow);
      if (!args.options.partial) throw rowsError(errors, args.total);
      const failed = new Set(late.map((e) => e.row));
      rows = rows.filter((r) => !failed.has(r.row));
      if (rows.length === 0) throw rowsError(errors, args.total);
    }
  }
  const ids = newIds("scenario", rows.length);
  await insertScenarios(
    tx,
    ctx.projectId,
    rows.map((r, i) => ({ ...r.values, id: ids[i] })),
  );
  return { ids, errors };
}
