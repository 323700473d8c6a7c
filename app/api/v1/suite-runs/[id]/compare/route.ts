import { z } from "zod";
import { route } from "@/lib/http/route";
import { compareSuiteRuns } from "@/lib/runs/compare";

// GET /api/v1/suite-runs/{id}/compare?baseline= — regressions, fixes and pass-rate delta
export const GET = route(
  { scope: "read", query: z.object({ baseline: z.string().max(100).optional() }) },
  ({ ctx, params, query }) => compareSuiteRuns({ ctx, id: params.id, baselineId: query.baseline }),
);
