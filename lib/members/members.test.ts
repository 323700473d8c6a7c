import { beforeAll, describe, expect, it } from "vitest";
import * as membersRoute from "@/app/api/v1/members/route";
import * as memberRoute from "@/app/api/v1/members/[id]/route";
import { call, createTestProject, type TestProject } from "@/lib/test/fixtures";

let a: TestProject;
let b: TestProject;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestProject("members-a"), createTestProject("members-b")]);
});

describe("members API", () => {
  it("adds a new user with a password, lists, changes the role and removes", async () => {
    const email = `dana-${Date.now()}@example.com`;
    const added = await call(membersRoute.POST, "POST", {
      key: a.keys.admin,
      body: { email, role: "member", password: "correct horse battery" },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ email, role: "member", id: expect.stringMatching(/^mem_/) });
    expect(added.text).not.toContain("correct horse");

    const again = await call(membersRoute.POST, "POST", {
      key: a.keys.admin,
      body: { email, role: "viewer" },
    });
    expect(again.status).toBe(409);

    const list = await call(membersRoute.GET, "GET", { key: a.keys.read });
    expect(list.body.data.map((m: { email: string }) => m.email)).toContain(email);

    const changed = await call(memberRoute.PATCH, "PATCH", {
      key: a.keys.admin,
      params: { id: added.body.id },
      body: { role: "viewer" },
    });
    expect(changed.body.role).toBe("viewer");
    expect(
      (
        await call(memberRoute.PATCH, "PATCH", {
          key: b.keys.admin,
          params: { id: added.body.id },
          body: { role: "admin" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(memberRoute.DELETE, "DELETE", {
          key: a.keys.admin,
          params: { id: added.body.id },
        })
      ).status,
    ).toBe(200);
  });

  it("needs a password to create an unknown user, and only owners grant owner", async () => {
    const missing = await call(membersRoute.POST, "POST", {
      key: a.keys.admin,
      body: { email: `new-${Date.now()}@example.com`, role: "member" },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.field).toBe("password");
    const owner = await call(membersRoute.POST, "POST", {
      key: a.keys.admin,
      body: { email: `o-${Date.now()}@example.com`, role: "owner", password: "long enough pw" },
    });
    expect(owner.status).toBe(403);
    expect(
      (
        await call(membersRoute.POST, "POST", {
          key: a.keys.run,
          body: { email: "x@example.com", role: "viewer", password: "long enough pw" },
        })
      ).status,
    ).toBe(403);
  });
});
