import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "server/test/**/*.test.ts"],
    globalSetup: ["test/env/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: keep file-level parallelism modest; each file gets its own moto/redis state.
    maxWorkers: 2,
    pool: "forks",
    reporters: ["default"],
  },
});
