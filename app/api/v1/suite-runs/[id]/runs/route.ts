import { route } from "@/lib/http/route";
import { childRunsQuery } from "@/lib/runs/schemas";
import { listChildRuns } from "@/lib/runs/read";

// GET /api/v1/suite-runs/{id}/runs?status&scenario_id&target_id&limit&cursor
export const GET = route({ scope: "read", query: childRunsQuery }, ({ ctx, params, query }) =>
  listChildRuns({ ctx, id: params.id, query }),
);
