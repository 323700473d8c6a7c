import { route } from "@/lib/http/route";
import { createdSuiteRunResponse } from "@/lib/runs/created";
import { batchInput } from "@/lib/runs/schemas";
import { triggerBatch } from "@/lib/runs/actions";

// POST /api/v1/suite-runs/batch — ad-hoc batch of scenarios
export const POST = route(
  { scope: "run", body: batchInput, idempotent: true },
  async ({ ctx, body }) => createdSuiteRunResponse(await triggerBatch({ ctx, input: body })),
);
