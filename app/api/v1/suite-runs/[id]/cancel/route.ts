import { route } from "@/lib/http/route";
import { cancelSuiteRun } from "@/lib/runs/actions";

// POST /api/v1/suite-runs/{id}/cancel — idempotent
export const POST = route({ scope: "run" }, ({ ctx, params }) =>
  cancelSuiteRun({ ctx, id: params.id }),
);
