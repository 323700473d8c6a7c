import { z } from "zod";
import { getSql } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";

export const usageJson = z.object({
  period: z.object({ start: z.string(), end: z.string() }),
  runs_completed: z.number().int(),
  limit: z.number().int().nullable(),
});

// GET /api/v1/usage — runs completed this calendar month (UTC); self-hosted Assay has no limit unless ASSAY_MONTHLY_RUN_LIMIT sets one
export async function usage({ ctx }: { ctx: Ctx }): Promise<z.infer<typeof usageJson>> {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const [{ n }] = await getSql()<{ n: number }[]>`
    select count(*)::int as n from runs
    where project_id = ${ctx.projectId} and completed_at >= ${start} and completed_at < ${end} and status <> 'cancelled'`;
  const limit = Number(process.env.ASSAY_MONTHLY_RUN_LIMIT ?? "");
  return {
    period: { start: start.toISOString(), end: end.toISOString() },
    runs_completed: n,
    limit: Number.isInteger(limit) && limit > 0 ? limit : null,
  };
}
