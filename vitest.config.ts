import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Offline environment and a loopback-only socket guard for every test file (the embedder's default downloads).
    setupFiles: ['tests/fixtures/network-guard.ts'],
    // The e2e suite starts a local Discord emulator and a real discord.js client; give it room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
