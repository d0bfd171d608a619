import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Generous: the machine may be busy (CI neighbours, other processes); a test that passes is not
    // slowed by a high limit, and no test asserts speed.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // expect.poll waits for a state the code reaches on its own (a store write after an event).
    expect: { poll: { timeout: 30_000 } },
    pool: 'forks',
    // Test files share their worker's module cache: importing botbuilder, restify and socket.io
    // once per worker instead of once per file halves the run. Nothing in the product keeps
    // module-level state, and every test builds its own app, store and sockets.
    isolate: false,
    reporters: ['default'],
  },
});
