import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // The e2e tests run the built binary; each spawns node, so keep the pool small on a 2-core machine.
    maxWorkers: 2,
    // A missing golden file fails, as a changed one does; `npx vitest run -u` writes them.
    update: "none",
  },
});
