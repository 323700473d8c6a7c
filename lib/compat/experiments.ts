import type { Ctx } from "@/lib/auth/types";
import { requireSuiteRun } from "@/lib/runs/read";
import { triggerSuiteRun } from "@/lib/runs/trigger";
import { experimentEvents } from "./experiment-stream";
import type { ExperimentStarted, ExperimentStatus } from "./schemas";
import { compatStatus, experimentSummary, runFailure } from "./summary";

const wantsEventStream = (req: Request) =>
  (req.headers.get("accept") ?? "").includes("text/event-stream");

// POST /api/evaluations/v3/{slug}/run — start a suite as a LangWatch experiment (JSON or SSE)
export async function startExperiment({
  ctx,
  slug,
  req,
}: {
  ctx: Ctx;
  slug: string;
  req: Request;
}): Promise<ExperimentStarted | Response> {
  const { suiteRun } = await triggerSuiteRun({ ctx, suiteIdOrSlug: slug, input: {} });
  if (wantsEventStream(req)) return experimentEvents({ ctx, id: suiteRun.id, req });
  return {
    runId: suiteRun.id,
    status: "running",
    total: suiteRun.total_runs,
    runUrl: suiteRun.url,
  };
}

// GET /api/evaluations/v3/runs/{runId} — LangWatch's polling view of a suite run
export async function experimentStatus({
  ctx,
  runId,
}: {
  ctx: Ctx;
  runId: string;
}): Promise<ExperimentStatus> {
  const row = await requireSuiteRun(ctx, runId);
  const [summary, error] = await Promise.all([experimentSummary(row), runFailure(row)]);
  return {
    runId: row.id,
    status: error ? "failed" : compatStatus(row),
    progress: row.passed_count + row.failed_count + row.errored_count + row.cancelled_count,
    total: row.total_runs,
    startedAt: (row.started_at ?? row.created_at).getTime(),
    finishedAt: row.completed_at?.getTime() ?? null,
    error,
    summary,
  };
}
