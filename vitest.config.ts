import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "db/**/*.test.ts", "bin/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.chaos.test.ts"],
    globalSetup: ["./lib/test/global-setup.ts"],
    setupFiles: ["./lib/test/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
