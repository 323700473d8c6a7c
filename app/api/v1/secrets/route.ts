import { route, json } from "@/lib/http/route";
import { listQuery } from "@/lib/http/pagination";
import { createSecret, createSecretInput, listProjectSecrets } from "@/lib/secrets/service";

// GET /api/v1/secrets — names and timestamps, never values
export const GET = route({ scope: "read", query: listQuery }, ({ ctx, query }) =>
  listProjectSecrets({ ctx, query }),
);

// POST /api/v1/secrets — create or rotate a secret (write-only)
export const POST = route({ scope: "admin", body: createSecretInput }, async ({ ctx, body }) =>
  json(await createSecret({ ctx, input: body }), 201),
);
