import { route } from "@/lib/http/route";
import { createdSuiteRunResponse } from "@/lib/runs/created";
import { resubmitSuiteRun } from "@/lib/runs/actions";

// POST /api/v1/suite-runs/{id}/resubmit — re-run the failed and errored children
export const POST = route({ scope: "run", idempotent: true }, async ({ ctx, params }) =>
  createdSuiteRunResponse(await resubmitSuiteRun({ ctx, id: params.id })),
);
