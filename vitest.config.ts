import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The e2e suite starts a local Discord emulator and a real discord.js client; give it room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
