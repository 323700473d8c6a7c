import { json } from "@/lib/http/route";
import { validation400Route } from "@/lib/compat/http";
import { scheduleScenarioInput } from "@/lib/compat/schemas";
import { scheduleScenario } from "@/lib/compat/schedule";

// POST /api/v1/scenarios/{id}/schedule — Cognigy-style: one scenario, N executions (400 on bad fields)
export const POST = validation400Route(
  { scope: "run", body: scheduleScenarioInput, idempotent: true },
  async ({ ctx, params, body }) =>
    json(await scheduleScenario({ ctx, scenarioId: params.id, input: body }), 201),
);
