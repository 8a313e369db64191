import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // Every GitHub fake is held to GitHub's descriptions after every test.
    setupFiles: ["test/support/github-contract-setup.ts"],
  },
});
