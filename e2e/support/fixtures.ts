import { expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const OWNER = {
  name: "Quinn QA",
  email: "qa@example.com",
  password: "correct-horse-battery-9",
};
export const DEMO_SUITE = "Support bot smoke test";
export const FAILING_CASE = "Mentions the price-match guarantee";

const SCREENS = fileURLToPath(new URL("../.screens/", import.meta.url));

export async function signIn(
  page: Page,
  { email, password }: { email: string; password: string } = OWNER,
) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAsOwner(page: Page) {
  await signIn(page);
  await expect(page).toHaveURL(/\/p\/demo\/suites/);
}

/** A light and a dark screenshot of the current page, for looking at, not for asserting. */
export async function snap(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  for (const dark of [false, true]) {
    await page.evaluate((d) => document.documentElement.classList.toggle("dark", d), dark);
    await page.waitForTimeout(120);
    await page.screenshot({
      path: join(SCREENS, `${name}-${dark ? "dark" : "light"}.png`),
      fullPage: true,
    });
  }
  await page.evaluate(() => document.documentElement.classList.remove("dark"));
}
