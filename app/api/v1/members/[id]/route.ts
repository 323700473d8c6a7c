import { route } from "@/lib/http/route";
import { removeMember, updateMember, updateMemberInput } from "@/lib/members/service";

// PATCH /api/v1/members/{id} — change a member's role
export const PATCH = route({ scope: "admin", body: updateMemberInput }, ({ ctx, params, body }) =>
  updateMember({ ctx, id: params.id, input: body }),
);

// DELETE /api/v1/members/{id} — remove a member (never the last owner)
export const DELETE = route({ scope: "admin" }, ({ ctx, params }) =>
  removeMember({ ctx, id: params.id }),
);
