import { expect, test, type Page } from "@playwright/test";
import { DEMO_SUITE, FAILING_CASE, signInAsOwner, snap } from "./support/fixtures";
import { GatedAgent } from "./support/gated-agent";

test.describe.configure({ mode: "serial" });

let agent: GatedAgent;
let firstRunUrl = "";
let resubmitUrl = "";
let shareUrl = "";

test.beforeAll(async () => {
  // "Greets the customer" has a 2 s latency scorer: answer it at once, hold back everything else.
  agent = await new GatedAgent((input) => input === "Hi there!").start();
});
test.afterAll(async () => {
  await agent?.stop();
});

const completed = (page: Page) => page.getByTestId("completed-count").locator("strong");

test("run the demo suite from the Run dialog and watch it finish live", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsOwner(page);
  await page.getByRole("button", { name: `Run ${DEMO_SUITE}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("run-count")).toContainText("Creates 9 runs");
  await expect(dialog.getByTestId("run-count")).toContainText("9 scenarios × 1 target × 1 repeat");
  // Point this run at an agent the test holds back, so every step of the progress can be seen.
  await dialog
    .getByLabel("Config override (JSON, optional)")
    .fill(JSON.stringify({ target_config: { url: agent.url } }));
  await dialog.getByLabel("Repeats").fill("2");
  await expect(dialog.getByTestId("run-count")).toContainText("Creates 18 runs");
  await dialog.getByLabel("Repeats").fill("1");
  await expect(dialog.getByTestId("run-count")).toContainText("Creates 9 runs");
  await snap(page, "run-dialog");
  await dialog.getByTestId("confirm-run").click();

  await expect(page).toHaveURL(/\/p\/demo\/runs\/srun_[0-9a-z]{26}$/);
  firstRunUrl = page.url();
  await expect.poll(() => agent.waiting, { timeout: 20_000 }).toBeGreaterThanOrEqual(7);
  await expect(completed(page)).toHaveAttribute("data-value", /^[01]$/);
  await expect(page.getByTestId("gate-verdict")).toHaveAttribute("data-status", /queued|running/);
  // Updates arrive over the event stream, not by polling.
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connection", "live");
  await snap(page, "suite-run-live");

  // A marker that survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  agent.releaseEvery(600);

  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const value = Number(await completed(page).getAttribute("data-value"));
        seen.add(value);
        return value;
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(9);
  agent.openAll();
  const values = [...seen].sort((a, b) => a - b);
  expect(
    values.some((v) => v > 0 && v < 9),
    `intermediate counts seen: ${values.join(", ")}`,
  ).toBe(true);

  await expect(page.getByTestId("gate-verdict")).toHaveAttribute("data-status", "passed");
  await expect(page.getByTestId("gate-verdict")).toHaveText("Gate passed");
  await expect(page.getByTestId("count-passed").locator("[data-value]")).toHaveAttribute(
    "data-value",
    "8",
  );
  await expect(page.getByTestId("count-failed").locator("[data-value]")).toHaveAttribute(
    "data-value",
    "1",
  );
  await expect(page.getByTestId("pass-rate")).toHaveText("88.9%");
  expect(
    await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
  ).toBe(true);
  await expect(page.getByTestId("run-row")).toHaveCount(9);
  await snap(page, "suite-run-done");
});

test("open the failing case: the contains scorer shows the missing value", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto(firstRunUrl);
  await page.getByTestId("filter-failed").click();
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  const row = page.getByTestId("run-row").filter({ hasText: FAILING_CASE });
  await row.click();

  const panel = page.getByRole("dialog");
  await expect(panel.getByTestId("run-scenario")).toHaveText(FAILING_CASE);
  const scorer = panel.locator('[data-testid="scorer-result"][data-scorer="contains"]');
  await expect(scorer).toHaveAttribute("data-passed", "false");
  await expect(scorer.getByTestId("scorer-reason")).toContainText(
    'missing: "price match guarantee"',
  );
  const missing = scorer.getByTestId("contains-values").locator('[data-found="false"]');
  await expect(missing).toContainText("price match guarantee");
  await expect(missing).toContainText("missing");
  await expect(panel.getByTestId("run-output")).toContainText("we match any verified lower price");
  await snap(page, "run-panel");

  // The permalink shows the same run on its own page.
  await panel.getByRole("link", { name: "Permalink" }).click();
  await expect(page).toHaveURL(/\/cases\/run_[0-9a-z]{26}$/);
  await expect(page.getByTestId("run-scenario")).toHaveText(FAILING_CASE);
  await expect(
    page.locator('[data-testid="scorer-result"][data-scorer="contains"][data-passed="false"]'),
  ).toBeVisible();
  await snap(page, "run-permalink");
});

test("resubmit the failed and errored runs: a new resubmit run linked to its parent", async ({
  page,
}) => {
  await signInAsOwner(page);
  await page.goto(firstRunUrl);
  await page.getByTestId("resubmit").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("resubmit-failed")).toHaveText("1");
  await expect(dialog.getByTestId("resubmit-errored")).toHaveText("0");
  await expect(dialog.getByText(FAILING_CASE)).toBeVisible();
  await snap(page, "resubmit-dialog");
  await dialog.getByTestId("confirm-resubmit").click();

  await expect(page).not.toHaveURL(firstRunUrl);
  await expect(page).toHaveURL(/\/p\/demo\/runs\/srun_[0-9a-z]{26}$/);
  resubmitUrl = page.url();
  await expect(page.getByText("resubmit", { exact: true })).toBeVisible();
  const parent = page.getByTestId("parent-link");
  await expect(parent).toHaveAttribute("href", new URL(firstRunUrl).pathname);
  // Only the failed case re-ran; it fails again by design, so this run's gate fails.
  await expect(page.getByTestId("completed-count")).toContainText("of 1 finished");
  await expect(page.getByTestId("gate-verdict")).toHaveAttribute("data-status", "failed", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("run-row")).toHaveCount(1);
  await expect(page.getByTestId("run-row")).toContainText(FAILING_CASE);
  await snap(page, "resubmit-run");

  // The parent now links down to its resubmit.
  await parent.click();
  await expect(page).toHaveURL(firstRunUrl);
  await expect(page.getByTestId("child-link")).toHaveAttribute(
    "href",
    new URL(resubmitUrl).pathname,
  );
});

test("compare the resubmit with its parent", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto(`${resubmitUrl}/compare?baseline=${firstRunUrl.split("/").pop()}`);
  await expect(page.getByTestId("pass-rate-delta")).toContainText("pp");
  await expect(page.getByTestId("regressions")).toContainText("Regressions");
  await snap(page, "compare");
});

test("share the run: the link is shown once and opens a public report", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAsOwner(page);
  await page.goto(firstRunUrl);
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByTestId("create-share").click();
  shareUrl = (await dialog.getByTestId("share-url").textContent()) ?? "";
  expect(shareUrl.startsWith(`${baseURL}/share/`)).toBe(true);
  expect(shareUrl).toMatch(/\/share\/[A-Za-z0-9_-]{20,}$/);
  await snap(page, "share-dialog");

  const visitor = await browser.newContext();
  try {
    const report = await visitor.newPage();
    const response = await report.goto(shareUrl);
    expect(response?.status()).toBe(200);
    await expect(report.getByTestId("gate-verdict")).toHaveText("Gate passed");
    await expect(report.getByTestId("report-pass-rate")).toHaveText("88.9%");
    const failure = report.getByTestId("report-failure");
    await expect(failure).toHaveCount(1);
    await expect(failure).toContainText(FAILING_CASE);
    await expect(failure).toContainText("price match guarantee");
    await expect(report.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    // A stakeholder page: no app navigation, no actions.
    await expect(report.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(report.getByRole("button", { name: /Resubmit|Cancel run/ })).toHaveCount(0);
    await snap(report, "share-report");

    const unknown = await report.goto("/share/this-token-does-not-exist-at-all");
    expect(unknown?.status()).toBe(404);
    await expect(report.getByTestId("share-not-found")).toBeVisible();
    await snap(report, "share-not-found");
  } finally {
    await visitor.close();
  }
});

test("a revoked share link is a not-found page at once", async ({ page, browser }) => {
  await signInAsOwner(page);
  await page.goto("/p/demo/settings?tab=shares");
  const row = page.getByTestId("share-link-row").first();
  await expect(row).toContainText("active");
  await snap(page, "settings-shares");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");

  const visitor = await browser.newContext();
  try {
    const report = await visitor.newPage();
    const response = await report.goto(shareUrl);
    expect(response?.status()).toBe(404);
    await expect(report.getByTestId("share-not-found")).toBeVisible();
  } finally {
    await visitor.close();
  }
});

test("export the run as CSV and JUnit (authenticated downloads)", async ({ page }) => {
  await signInAsOwner(page);
  await page.goto(firstRunUrl);
  for (const [item, pattern] of [
    ["export-csv", /\.csv$/],
    ["export-junit", /\.xml$/],
  ] as const) {
    await page.getByRole("button", { name: "Export" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId(item).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(pattern);
    const body = await (await download.createReadStream()).toArray();
    const text = Buffer.concat(body as Buffer[]).toString("utf8");
    expect(text).toContain(FAILING_CASE);
  }
});

test("cancel a run while it is going, from the suite page", async ({ page }) => {
  agent.hold();
  await signInAsOwner(page);
  await page.goto("/p/demo/suites/support-smoke");
  await snap(page, "suite-detail-history");
  await page.getByTestId("run-suite").click();
  const dialog = page.getByRole("dialog");
  await dialog
    .getByLabel("Config override (JSON, optional)")
    .fill(JSON.stringify({ target_config: { url: agent.url } }));
  await dialog.getByTestId("confirm-run").click();
  await expect(page).toHaveURL(/\/p\/demo\/runs\/srun_[0-9a-z]{26}$/);
  await expect.poll(() => agent.waiting, { timeout: 20_000 }).toBeGreaterThanOrEqual(7);

  await page.getByTestId("cancel-run").click();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel run" }).click();
  await expect(page.getByTestId("gate-verdict")).toHaveAttribute("data-status", "cancelled", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("count-cancelled").locator("[data-value]")).not.toHaveAttribute(
    "data-value",
    "0",
  );
  await expect(page.getByTestId("cancel-run")).toHaveCount(0);
  agent.openAll();
  await snap(page, "suite-run-cancelled");
});
