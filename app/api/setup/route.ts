import { route, json } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/auth/resolve";
import { createFirstOwner, setupInput } from "@/lib/users/setup";

// POST /api/setup — first-run owner creation; 409 once any user exists
export const POST = route({ auth: "public", body: setupInput }, async ({ req, body }) => {
  assertSameOrigin(req);
  return json(await createFirstOwner(body), 201);
});
