import { expect, test } from "@playwright/test";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { OWNER, signIn, signInAsOwner, snap } from "./support/fixtures";

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
  // The list is rendered by the client: once it shows, the form is hydrated and keeps what is typed.
  await expect(
    page.getByTestId("secret-row").first().or(page.getByText("No secrets yet")),
  ).toBeVisible();
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

test("an owner adds a member with a new account, changes their role and removes them", async ({
  page,
  browser,
}) => {
  const email = `ada-${Date.now()}@example.com`;
  const password = "analytical-engine-1843";
  await signInAsOwner(page);
  await page.goto("/p/demo/settings?tab=members");
  const me = page.getByTestId("member-row").filter({ hasText: OWNER.email });
  await expect(me.getByText("you", { exact: true })).toBeVisible();
  // The only owner can be neither demoted nor removed.
  await expect(me.getByLabel(`Role of ${OWNER.email}`)).toBeDisabled();
  await expect(me.getByRole("button", { name: `Remove ${OWNER.email}` })).toBeDisabled();

  await page.getByRole("button", { name: "Add member" }).click();
  const dialog = page.getByRole("dialog", { name: "Add member" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("viewer");
  // Nobody has this email yet: without an initial password there is no account to add.
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByText("No user has this email yet")).toBeVisible();
  await dialog.getByLabel("Name (optional)").fill("Ada Lovelace");
  await dialog.getByLabel("Initial password (for a new account)").fill(password);
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByTestId("member-row").filter({ hasText: email });
  await expect(row).toContainText("Ada Lovelace");
  const role = row.getByLabel(`Role of ${email}`);
  await expect(role).toHaveValue("viewer");
  await snap(page, "settings-members-list");

  // Adding them twice is refused with the server's reason, on the email field.
  await page.getByRole("button", { name: "Add member" }).click();
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByRole("button", { name: "Add member" }).click();
  await expect(dialog.getByText("already a member")).toBeVisible();
  await snap(page, "settings-members-add-conflict");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The new account signs in with its initial password and sees the list read-only.
  const other = await browser.newContext();
  const theirs = await other.newPage();
  await signIn(theirs, { email, password });
  await expect(theirs).toHaveURL(/\/p\/demo\//);
  await theirs.goto("/p/demo/settings?tab=members");
  await expect(theirs.getByTestId("members-read-only")).toBeVisible();
  await expect(
    theirs.getByTestId("member-row").filter({ hasText: email }).getByText("you", { exact: true }),
  ).toBeVisible();
  await expect(theirs.getByRole("button", { name: "Add member" })).toHaveCount(0);
  await expect(theirs.getByTestId("member-row").getByRole("combobox")).toHaveCount(0);
  await snap(theirs, "settings-members-viewer");
  await other.close();

  await role.selectOption("admin");
  await expect(page.getByText(`${email} is now admin`)).toBeVisible();
  await page.reload();
  await expect(role).toHaveValue("admin");

  await row.getByRole("button", { name: `Remove ${email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${email}?` });
  await confirm.getByRole("button", { name: "Remove member" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(me).toBeVisible();
  await expect(row).toHaveCount(0);
});

test("a webhook's test event reaches a local receiver and shows in the delivery log", async ({
  page,
}) => {
  const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/assay-hook`;
  try {
    await signInAsOwner(page);
    await page.goto("/p/demo/settings?tab=webhooks");
    await page.getByLabel("URL").fill(url);
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByTestId("webhook-secret")).toHaveText(/^whsec_/);

    const row = page.getByTestId("webhook-row").filter({ hasText: url });
    await row.getByRole("button", { name: "Deliveries of" }).click();
    await expect(row.getByText("No deliveries yet")).toBeVisible();

    await row.getByRole("button", { name: "Send test event" }).click();
    await expect(row.getByTestId("webhook-test-result")).toContainText(
      "Test event delivered · HTTP 200",
    );
    const delivery = row.getByTestId("delivery-row");
    await expect(delivery).toHaveCount(1);
    await expect(delivery).toContainText("ping");
    await expect(delivery).toContainText("succeeded");
    await expect(delivery).toContainText("200");

    expect(received).toHaveLength(1);
    expect(received[0].url).toBe("/assay-hook");
    expect(received[0].headers["assay-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(received[0].body)).toMatchObject({ event: "ping" });

    // A row opens the payload that was sent.
    await delivery.getByRole("button").click();
    await expect(row.getByTestId("delivery-detail")).toContainText("A test event from Assay");
    await snap(page, "settings-webhook-deliveries");

    // The log survives a reload (it is the API's, not the page's).
    await page.reload();
    await row.getByRole("button", { name: "Deliveries of" }).click();
    await expect(row.getByTestId("delivery-row")).toHaveCount(1);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
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
