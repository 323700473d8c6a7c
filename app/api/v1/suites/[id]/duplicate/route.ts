import { route, json } from "@/lib/http/route";
import { duplicateSuite } from "@/lib/suites/service";

// POST /api/v1/suites/{id}/duplicate — a copy named "<name> (copy)" with a fresh slug
export const POST = route({ scope: "run" }, async ({ ctx, params }) =>
  json(await duplicateSuite({ ctx, idOrSlug: params.id }), 201),
);
