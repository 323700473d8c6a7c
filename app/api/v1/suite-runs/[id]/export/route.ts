import { route } from "@/lib/http/route";
import { exportSuiteRun } from "@/lib/runs/export";
import { exportQuery } from "@/lib/runs/schemas";

// GET /api/v1/suite-runs/{id}/export?format=csv|json|junit
export const GET = route({ scope: "read", query: exportQuery }, ({ ctx, params, query }) =>
  exportSuiteRun({ ctx, id: params.id, format: query.format }),
);
