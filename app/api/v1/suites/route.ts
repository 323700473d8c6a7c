import { route, json } from "@/lib/http/route";
import { createSuiteInput, listSuitesQuery } from "@/lib/suites/schemas";
import { createSuite, listProjectSuites } from "@/lib/suites/service";

// GET /api/v1/suites — newest first, with counts, the last run and the pass-rate trend
export const GET = route({ scope: "read", query: listSuitesQuery }, ({ ctx, query }) =>
  listProjectSuites({ ctx, query }),
);

// POST /api/v1/suites — create a suite (slug generated from the name unless given)
export const POST = route({ scope: "run", body: createSuiteInput }, async ({ ctx, body }) =>
  json(await createSuite({ ctx, input: body }), 201),
);
