import { route } from "@/lib/http/route";
import { revokeShareLink } from "@/lib/share/service";

// DELETE /api/v1/share-links/{id} — revoke; the link 404s at once
export const DELETE = route({ scope: "run" }, ({ ctx, params }) =>
  revokeShareLink({ ctx, id: params.id }),
);
