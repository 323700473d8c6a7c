export type Scope = "read" | "run" | "admin";
export type Role = "owner" | "admin" | "member" | "viewer";

export const SCOPE_RANK: Record<Scope, number> = { read: 1, run: 2, admin: 3 };
/** What a member of each role may do, in API-key terms. */
export const ROLE_SCOPE: Record<Role, Scope> = {
  viewer: "read",
  member: "run",
  admin: "admin",
  owner: "admin",
};

export type Actor =
  | { type: "user"; id: string; name: string; role: Role }
  | { type: "api_key"; id: string; name: string }
  | { type: "system"; id: null; name: string };

/** Who is calling, for which project, with what rights. Every service verb takes one. */
export type Ctx = {
  requestId: string;
  projectId: string;
  projectSlug: string;
  actor: Actor;
  scope: Scope;
};

export function hasScope(ctx: Pick<Ctx, "scope">, needed: Scope): boolean {
  return SCOPE_RANK[ctx.scope] >= SCOPE_RANK[needed];
}
