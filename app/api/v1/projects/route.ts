import { route, json } from "@/lib/http/route";
import { createProjectForUser, createProjectInput, projectsOfUser } from "@/lib/projects/service";

// GET /api/v1/projects — the signed-in user's projects
export const GET = route({ auth: "user" }, ({ userId }) => projectsOfUser(userId!));

// POST /api/v1/projects — the creator becomes owner
export const POST = route({ auth: "user", body: createProjectInput }, async ({ userId, body }) =>
  json(await createProjectForUser({ userId: userId!, input: body }), 201),
);
