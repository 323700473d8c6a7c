import { route } from "@/lib/http/route";
import { updateScenarioInput } from "@/lib/scenarios/schemas";
import { archiveScenario, getScenario, updateScenario } from "@/lib/scenarios/service";

// GET /api/v1/scenarios/{id}
export const GET = route({ scope: "read" }, ({ ctx, params }) =>
  getScenario({ ctx, id: params.id }),
);

// PATCH /api/v1/scenarios/{id} — partial update
export const PATCH = route({ scope: "run", body: updateScenarioInput }, ({ ctx, params, body }) =>
  updateScenario({ ctx, id: params.id, input: body }),
);

// DELETE /api/v1/scenarios/{id} — archive
export const DELETE = route({ scope: "run" }, ({ ctx, params }) =>
  archiveScenario({ ctx, id: params.id }),
);
