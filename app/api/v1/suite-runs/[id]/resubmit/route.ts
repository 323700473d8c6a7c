import { route, json } from "@/lib/http/route";
import { resubmitSuiteRun } from "@/lib/runs/actions";

// POST /api/v1/suite-runs/{id}/resubmit — re-run the failed and errored children
export const POST = route({ scope: "run", idempotent: true }, async ({ ctx, params }) =>
  json(await resubmitSuiteRun({ ctx, id: params.id }), 201),
);
