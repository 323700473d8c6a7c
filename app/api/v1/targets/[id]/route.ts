import { route } from "@/lib/http/route";
import { updateTargetInput } from "@/lib/target-defs/schemas";
import { archiveTarget, getTarget, updateTarget } from "@/lib/target-defs/service";

// GET /api/v1/targets/{id}
export const GET = route({ scope: "read" }, ({ ctx, params }) => getTarget({ ctx, id: params.id }));

// PATCH /api/v1/targets/{id} — partial update; the type cannot change
export const PATCH = route({ scope: "run", body: updateTargetInput }, ({ ctx, params, body }) =>
  updateTarget({ ctx, id: params.id, input: body }),
);

// DELETE /api/v1/targets/{id} — archive
export const DELETE = route({ scope: "run" }, ({ ctx, params }) =>
  archiveTarget({ ctx, id: params.id }),
);
