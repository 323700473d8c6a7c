import { compatRoute } from "@/lib/compat/http";
import { experimentRunInput } from "@/lib/compat/schemas";
import { startExperiment } from "@/lib/compat/experiments";

// POST /api/evaluations/v3/{slug}/run — run a suite as a LangWatch experiment (JSON, or SSE frames)
export const POST = compatRoute(
  { scope: "run", body: experimentRunInput, idempotent: true },
  ({ ctx, params, req }) => startExperiment({ ctx, slug: params.slug, req }),
);
