import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  throw new Error(
    `Chromium was not found at ${chromiumPath}. Install Debian's Chromium (apt-get install -y chromium) ` +
      "or point PLAYWRIGHT_CHROMIUM_PATH at a Chromium/Chrome binary.",
  );
}

/** A port nobody listens on right now (asked of the OS, in a child process because config loading is sync). */
function freePort(): string {
  return execFileSync(
    process.execPath,
    [
      "-e",
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ],
    { encoding: "utf8" },
  ).trim();
}

// The config is loaded by the runner and again by each worker: decide once, workers inherit the env.
process.env.ASSAY_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "assay-e2e-"));
process.env.ASSAY_E2E_PG_PORT ??= freePort();

const PORT = Number(process.env.ASSAY_E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: "test-results",
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1360, height: 860 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The real app: embedded PostgreSQL in a fresh data dir, the seeded demo project, a worker, and
    // `next build` first when the sources changed since the last build.
    command: "node_modules/.bin/tsx bin/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: String(PORT),
      ASSAY_DATA_DIR: process.env.ASSAY_E2E_DATA_DIR,
      ASSAY_PG_PORT: process.env.ASSAY_E2E_PG_PORT,
      ASSAY_DEMO_AGENT_PORT: "0",
      ASSAY_PUBLIC_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      // No ASSAY_INIT_USER_*: the journey creates the first owner through /setup, which also
      // hands it the seeded demo project.
    },
  },
});
