import { route } from "@/lib/http/route";
import { updateSuiteInput } from "@/lib/suites/schemas";
import { archiveSuite, getSuite, updateSuite } from "@/lib/suites/service";

// GET /api/v1/suites/{id or slug} — with its scenarios and targets in order
export const GET = route({ scope: "read" }, ({ ctx, params }) =>
  getSuite({ ctx, idOrSlug: params.id }),
);

// PATCH /api/v1/suites/{id or slug}
export const PATCH = route({ scope: "run", body: updateSuiteInput }, ({ ctx, params, body }) =>
  updateSuite({ ctx, idOrSlug: params.id, input: body }),
);

// DELETE /api/v1/suites/{id or slug} — archive
export const DELETE = route({ scope: "run" }, ({ ctx, params }) =>
  archiveSuite({ ctx, idOrSlug: params.id }),
);
