import { route } from "@/lib/http/route";
import { removeSecret } from "@/lib/secrets/service";

// DELETE /api/v1/secrets/{id}
export const DELETE = route({ scope: "admin" }, ({ ctx, params }) =>
  removeSecret({ ctx, id: params.id }),
);
