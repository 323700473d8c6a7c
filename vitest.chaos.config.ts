import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The long reliability tests: worker kills, database restarts. One file at a time.
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["**/*.chaos.test.ts"],
    exclude: ["**/node_modules/**"],
    globalSetup: ["./lib/test/global-setup.ts"],
    setupFiles: ["./lib/test/setup.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
