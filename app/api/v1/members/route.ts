import { route, json } from "@/lib/http/route";
import { addMember, addMemberInput, listMembers } from "@/lib/members/service";

// GET /api/v1/members — project members and their roles
export const GET = route({ scope: "read" }, ({ ctx }) => listMembers({ ctx }));

// POST /api/v1/members — add a member (admin)
export const POST = route({ scope: "admin", body: addMemberInput }, async ({ ctx, body }) =>
  json(await addMember({ ctx, input: body }), 201),
);
