import { route } from "@/lib/http/route";
import { compareSuiteRuns } from "@/lib/runs/compare";
import { compareQuery } from "@/lib/runs/schemas";

// GET /api/v1/suite-runs/{id}/compare?baseline= — regressions, fixes and pass-rate delta
export const GET = route({ scope: "read", query: compareQuery }, ({ ctx, params, query }) =>
  compareSuiteRuns({ ctx, id: params.id, baselineId: query.baseline }),
);
