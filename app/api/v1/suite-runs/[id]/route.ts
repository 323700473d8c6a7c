import { route } from "@/lib/http/route";
import { getSuiteRun } from "@/lib/runs/read";

// GET /api/v1/suite-runs/{id}
export const GET = route({ scope: "read" }, ({ ctx, params }) =>
  getSuiteRun({ ctx, id: params.id }),
);
