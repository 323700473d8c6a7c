import { compatRoute } from "@/lib/compat/http";
import { experimentStatus } from "@/lib/compat/experiments";

// GET /api/evaluations/v3/runs/{runId} — poll a LangWatch experiment run
export const GET = compatRoute({ scope: "read" }, ({ ctx, params }) =>
  experimentStatus({ ctx, runId: params.runId }),
);
