import { route, json } from "@/lib/http/route";
import { listQuery } from "@/lib/http/pagination";
import { createApiKeyInput, createKey, listKeys } from "@/lib/keys/service";

// GET /api/v1/api-keys
export const GET = route({ scope: "admin", query: listQuery }, ({ ctx, query }) =>
  listKeys({ ctx, query }),
);

// POST /api/v1/api-keys — the key is in this response only
export const POST = route({ scope: "admin", body: createApiKeyInput }, async ({ ctx, body }) =>
  json(await createKey({ ctx, input: body }), 201),
);
