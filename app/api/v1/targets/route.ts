import { route, json } from "@/lib/http/route";
import { createTargetInput, listTargetsQuery } from "@/lib/target-defs/schemas";
import { createTarget, listProjectTargets } from "@/lib/target-defs/service";

// GET /api/v1/targets — newest first; ?type=, ?include_archived=true
export const GET = route({ scope: "read", query: listTargetsQuery }, ({ ctx, query }) =>
  listProjectTargets({ ctx, query }),
);

// POST /api/v1/targets — create a target
export const POST = route({ scope: "run", body: createTargetInput }, async ({ ctx, body }) =>
  json(await createTarget({ ctx, input: body }), 201),
);
