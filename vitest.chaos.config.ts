import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["**/*.chaos.test.ts"],
      exclude: ["**/node_modules/**"],
      testTimeout: 300_000,
      fileParallelism: false,
    },
  }),
);
