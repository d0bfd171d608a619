import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Test files share their worker's module cache: importing botbuilder, restify and socket.io
    // once per worker instead of once per file halves the run. Nothing in the product keeps
    // module-level state, and every test builds its own app, store and sockets.
    isolate: false,
    reporters: ['default'],
  },
});
