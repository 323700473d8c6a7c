import { route } from "@/lib/http/route";
import { suiteRunListQuery } from "@/lib/runs/schemas";
import { listSuiteRuns } from "@/lib/runs/read";

// GET /api/v1/suite-runs?suite_id&status&trigger&limit&cursor
export const GET = route({ scope: "read", query: suiteRunListQuery }, ({ ctx, query }) =>
  listSuiteRuns({ ctx, query }),
);
