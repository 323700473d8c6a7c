import { expect, test } from "@playwright/test";
import { signInAsOwner } from "./support/fixtures";

test.describe("web hardening", () => {
  test("every page carries the security headers", async ({ page }) => {
    const response = await page.goto("/signin");
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  });

  test("a signed-in browser's writes are refused from another origin (CSRF) and accepted from ours", async ({
    page,
    baseURL,
  }) => {
    await signInAsOwner(page);
    const name = `CSRF_${Date.now()}`;
    const forged = await page.request.post("/api/v1/secrets", {
      headers: {
        "x-assay-project": "demo",
        origin: "https://evil.example",
        "content-type": "application/json",
      },
      data: { name, value: "x" },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).code).toBe("forbidden");
    const withoutProject = await page.request.post("/api/v1/secrets", {
      headers: { origin: baseURL!, "content-type": "application/json" },
      data: { name, value: "x" },
    });
    expect(withoutProject.status()).toBe(400);
    const genuine = await page.request.post("/api/v1/secrets", {
      headers: { "x-assay-project": "demo", origin: baseURL!, "content-type": "application/json" },
      data: { name, value: "x" },
    });
    expect(genuine.status()).toBe(201);
    const listed = await page.request.get("/api/v1/secrets", {
      headers: { "x-assay-project": "demo" },
    });
    expect((await listed.json()).data.map((s: { name: string }) => s.name)).toContain(name);
  });
});
