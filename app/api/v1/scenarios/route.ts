import { route, json } from "@/lib/http/route";
import { createScenarioInput, listScenariosQuery } from "@/lib/scenarios/schemas";
import { createScenario, listProjectScenarios } from "@/lib/scenarios/service";

// GET /api/v1/scenarios — newest first; ?tag=, ?suite_id=, ?q=, ?include_archived=true
export const GET = route({ scope: "read", query: listScenariosQuery }, ({ ctx, query }) =>
  listProjectScenarios({ ctx, query }),
);

// POST /api/v1/scenarios — create a test case
export const POST = route({ scope: "run", body: createScenarioInput }, async ({ ctx, body }) =>
  json(await createScenario({ ctx, input: body }), 201),
);
