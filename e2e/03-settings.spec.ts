import { expect, test } from "@playwright/test";
import { signInAsOwner, snap } from "./support/fixtures";

test("an API key is shown once, then only as prefix…last4", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto("/p/demo/settings");
  await page.getByLabel("Name").fill("GitHub Actions");
  await page.getByLabel("Scope").selectOption("run");
  await page.getByTestId("create-api-key").click();

  const shown = page.getByTestId("api-key-value");
  await expect(shown).toHaveText(/^assay_[A-Za-z0-9_-]{20,}$/);
  const key = (await shown.textContent())!;
  await expect(page.getByText("it will not be shown again")).toBeVisible();
  const row = page.getByTestId("api-key-row").filter({ hasText: "GitHub Actions" });
  await expect(row).toContainText(`${key.slice(0, 10)}…${key.slice(-4)}`);
  await expect(row).toContainText("run");
  await snap(page, "settings-keys");

  // The key works against the API…
  const me = await page.request.get("/api/v1/suites", {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(me.status()).toBe(200);

  // …and is gone from the page for good once it is left.
  await page.reload();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "GitHub Actions" })).toBeVisible();
  expect(await page.content()).not.toContain(key);
});

test("a secret's value is never shown after it is saved", async ({ page }) => {
  const value = `sk-e2e-${Date.now()}-do-not-show`;
  await signInAsOwner(page);
  await page.goto("/p/demo/settings?tab=secrets");
  await page.getByLabel("Name").fill("AGENT_API_KEY");
  await page.getByLabel("Value").fill(value);
  await page.getByTestId("save-secret").click();

  const row = page.getByTestId("secret-row").filter({ hasText: "AGENT_API_KEY" });
  await expect(row).toBeVisible();
  await expect(page.getByLabel("Value")).toHaveValue("");
  expect(await page.content()).not.toContain(value);
  await snap(page, "settings-secrets");

  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(value);
  const listed = await page.request.get("/api/v1/secrets", {
    headers: { "x-assay-project": "demo" },
  });
  expect(listed.status()).toBe(200);
  expect(await listed.text()).not.toContain(value);
});

test("every other page renders, in light and dark", async ({ page }) => {
  await signInAsOwner(page);
  for (const [name, path, ready] of [
    ["suites", "/p/demo/suites", "suite-row"],
    ["runs", "/p/demo/runs", "suite-run-row"],
    ["scenarios", "/p/demo/scenarios", "scenario-row"],
    ["targets", "/p/demo/targets", "target-row"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId(ready).first()).toBeVisible();
    await snap(page, name);
  }
  await page.goto("/p/demo/suites/support-smoke");
  await expect(page.getByRole("heading", { name: "Support bot smoke test" })).toBeVisible();
  await snap(page, "suite-detail");

  await page.goto("/p/demo/targets");
  await page.getByTestId("target-row").first().getByRole("button").first().click();
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("test-result")).toContainText("latency");
  await snap(page, "target-test-call");

  for (const tab of ["webhooks", "members"]) {
    await page.goto(`/p/demo/settings?tab=${tab}`);
    await expect(
      page.getByRole("button", { name: tab === "webhooks" ? "Add webhook" : "Members" }).first(),
    ).toBeVisible();
    await snap(page, `settings-${tab}`);
  }
});
