import { route, json } from "@/lib/http/route";
import { createShareInput, createShareLink, listShareLinks } from "@/lib/share/service";

// POST /api/v1/suite-runs/{id}/share — create a read-only report link (url shown once)
export const POST = route({ scope: "run", body: createShareInput }, async ({ ctx, params, body }) =>
  json(await createShareLink({ ctx, suiteRunId: params.id, input: body }), 201),
);

// GET /api/v1/suite-runs/{id}/share — the run's share links (without tokens)
export const GET = route({ scope: "read" }, ({ ctx, params }) =>
  listShareLinks({ ctx, suiteRunId: params.id }),
);
