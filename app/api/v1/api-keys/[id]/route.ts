import { route } from "@/lib/http/route";
import { revokeKey } from "@/lib/keys/service";

// DELETE /api/v1/api-keys/{id} — revoke; the key is refused at once
export const DELETE = route({ scope: "admin" }, ({ ctx, params }) =>
  revokeKey({ ctx, id: params.id }),
);
