import { getDb, type Tx } from "@/db/client";
import { isId, newId } from "@/lib/ids";
import { AppError, notFound, type FieldError } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/types";
import { decodeCursor, toPage } from "@/lib/http/pagination";
import { validationError } from "@/lib/http/validation";
import { audit } from "@/lib/audit";
import { validateTargetConfig } from "@/lib/targets";
import type { TargetType } from "@/lib/targets/types";
import {
  existingTargetIds,
  findTarget,
  insertTarget,
  listTargets,
  patchTarget,
  workflowSteps,
  type TargetRow,
} from "./repo";
import type { CreateTargetInput, ListTargetsQuery, UpdateTargetInput } from "./schemas";

export function targetJson(t: TargetRow) {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    description: t.description,
    config: t.config,
    timeout_ms: t.timeoutMs,
    retries: t.retries,
    max_concurrency: t.maxConcurrency,
    rate_limit_per_s: t.rateLimitPerS,
    archived: t.archived,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}
export type TargetJson = ReturnType<typeof targetJson>;

/** The target or 404: malformed ids and other projects' targets are indistinguishable from missing ones. */
export async function loadTarget(db: Tx, projectId: string, id: string): Promise<TargetRow> {
  const row = isId("target", id) ? await findTarget(db, { projectId, id }) : null;
  if (!row) throw notFound("Target");
  return row;
}

/**
 * Config errors for `type`: the adapter's own schema, then (for workflows) that every step is a
 * target of this project and that no step leads back to `selfId`.
 */
async function configErrors(
  db: Tx,
  {
    projectId,
    type,
    config,
    selfId,
  }: { projectId: string; type: TargetType; config: unknown; selfId?: string },
): Promise<FieldError[]> {
  const errors: FieldError[] = validateTargetConfig(type, config);
  if (type !== "workflow" || errors.length > 0) return errors;
  const steps = (config as { steps: string[] }).steps;
  const found = await existingTargetIds(db, { projectId, ids: steps });
  steps.forEach((step, i) => {
    if (!found.has(step)) {
      errors.push({
        field: `config.steps.${i}`,
        code: "not_found",
        message: `Target ${step} does not exist in this project`,
      });
    }
  });
  if (selfId && errors.length === 0) {
    const graph = await workflowSteps(db, projectId);
    graph.set(selfId, steps);
    steps.forEach((step, i) => {
      if (reaches(graph, step, selfId)) {
        errors.push({
          field: `config.steps.${i}`,
          code: "cycle",
          message: "A workflow cannot contain itself",
        });
      }
    });
  }
  return errors;
}

function reaches(
  graph: Map<string, string[]>,
  from: string,
  to: string,
  seen = new Set<string>(),
): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return (graph.get(from) ?? []).some((next) => reaches(graph, next, to, seen));
}

// POST /api/v1/targets
export async function createTarget({ ctx, input }: { ctx: Ctx; input: CreateTargetInput }) {
  return getDb().transaction(async (tx) => {
    const errors = await configErrors(tx, {
      projectId: ctx.projectId,
      type: input.type,
      config: input.config,
    });
    if (errors.length > 0) throw validationError(errors);
    const row = await insertTarget(tx, {
      id: newId("target"),
      projectId: ctx.projectId,
      name: input.name,
      type: input.type,
      description: input.description ?? null,
      config: input.config,
      timeoutMs: input.timeout_ms,
      retries: input.retries,
      maxConcurrency: input.max_concurrency ?? null,
      rateLimitPerS: input.rate_limit_per_s ?? null,
    });
    await audit(ctx, "target.created", "target", row.id, { type: row.type, name: row.name }, tx);
    return targetJson(row);
  });
}

// GET /api/v1/targets
export async function listProjectTargets({ ctx, query }: { ctx: Ctx; query: ListTargetsQuery }) {
  const rows = await listTargets(getDb(), {
    projectId: ctx.projectId,
    before: decodeCursor(query.cursor),
    limit: query.limit,
    type: query.type,
    includeArchived: query.include_archived === "true",
  });
  return toPage(rows, query.limit, targetJson);
}

// GET /api/v1/targets/{id}
export async function getTarget({ ctx, id }: { ctx: Ctx; id: string }) {
  return targetJson(await loadTarget(getDb(), ctx.projectId, id));
}

// PATCH /api/v1/targets/{id}
export async function updateTarget({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: UpdateTargetInput;
}) {
  return getDb().transaction(async (tx) => {
    const current = await loadTarget(tx, ctx.projectId, id);
    if (input.type !== undefined && input.type !== current.type) {
      throw new AppError(
        "validation_failed",
        "A target's type cannot change; create a new target instead",
        {
          field: "type",
          errors: [{ field: "type", code: "immutable", message: `must stay "${current.type}"` }],
        },
      );
    }
    if (input.config !== undefined) {
      const errors = await configErrors(tx, {
        projectId: ctx.projectId,
        type: current.type,
        config: input.config,
        selfId: id,
      });
      if (errors.length > 0) throw validationError(errors);
    }
    const row = await patchTarget(tx, {
      projectId: ctx.projectId,
      id,
      set: {
        name: input.name,
        description: input.description,
        config: input.config,
        timeoutMs: input.timeout_ms,
        retries: input.retries,
        maxConcurrency: input.max_concurrency,
        rateLimitPerS: input.rate_limit_per_s,
      },
    });
    if (!row) throw notFound("Target");
    await audit(ctx, "target.updated", "target", id, { fields: Object.keys(input) }, tx);
    return targetJson(row);
  });
}

// DELETE /api/v1/targets/{id} — archive: suites keep their history and skip it
export async function archiveTarget({ ctx, id }: { ctx: Ctx; id: string }) {
  return getDb().transaction(async (tx) => {
    await loadTarget(tx, ctx.projectId, id);
    await patchTarget(tx, { projectId: ctx.projectId, id, set: { archived: true } });
    await audit(ctx, "target.archived", "target", id, {}, tx);
    return { id, archived: true };
  });
}
