import { expect, test } from "@playwright/test";
import { DEMO_SUITE, OWNER, signIn, snap } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

test("first run: / and /signin lead to setup, and the owner lands on the demo suites", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Assay" })).toBeVisible();
  await snap(page, "setup");

  await page.getByLabel("Your name").fill(OWNER.name);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password", { exact: true }).fill(OWNER.password);
  await page.getByLabel("Confirm password").fill(OWNER.password);
  await page.getByRole("button", { name: "Create owner account" }).click();

  await expect(page).toHaveURL(/\/p\/demo\/suites$/, { timeout: 30_000 });
  const row = page.getByTestId("suite-row").filter({ hasText: DEMO_SUITE });
  await expect(row).toBeVisible();
  await expect(row).toContainText("never run");
  await expect(page.getByTestId("current-role")).toHaveText("owner");
  await snap(page, "suites-empty-history");

  // Setup is a one-time door: once an owner exists it sends people to sign in.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/p\/demo\/suites$/);
});

test("sign out, a wrong password is refused, sign back in; the theme choice sticks", async ({
  page,
}) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/p\/demo\/suites$/);

  await page.getByRole("radio", { name: "Dark theme" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.getByRole("radio", { name: "Light theme" }).click();
  await expect(page.locator("html")).not.toHaveClass(/dark/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await snap(page, "signin");

  // Signed out, app pages send you to sign in.
  await page.goto("/p/demo/runs");
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, { email: OWNER.email, password: "not-the-password" });
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page);
  await expect(page).toHaveURL(/\/p\/demo\/suites$/);
  await expect(page.getByTestId("current-user")).toHaveText(OWNER.name);
});

test("a project the user is not a member of is a 404", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/p\/demo\/suites$/);
  const response = await page.goto("/p/someone-elses-project/suites");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
});
