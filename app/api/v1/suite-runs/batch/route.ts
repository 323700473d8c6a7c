import { route, json } from "@/lib/http/route";
import { batchInput } from "@/lib/runs/schemas";
import { triggerBatch } from "@/lib/runs/actions";

// POST /api/v1/suite-runs/batch — ad-hoc batch of scenarios
export const POST = route(
  { scope: "run", body: batchInput, idempotent: true },
  async ({ ctx, body }) => json(await triggerBatch({ ctx, input: body }), 201),
);
