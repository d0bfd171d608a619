import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Generous: the machine may be busy (CI neighbours, other processes). Starting the whole app
    // (articles seeded, index built) took 30 s on a machine at load 20 on 2 cores; the limits only
    // end a test that hangs, a test that passes is not slowed by them, and no test asserts speed.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits for a state the code reaches on its own (a store write after an event).
    expect: { poll: { timeout: 60_000 } },
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine,
    // which left the second core idle while a test waited for a spawned service or Chromium.
    // Every test owns its port (0), temp folder, store and sockets, so files can run side by side.
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share their worker's module cache: importing botbuilder, restify and socket.io
    // once per worker instead of once per file halves the run. Nothing in the product keeps
    // module-level state, and every test builds its own app, store and sockets.
    isolate: false,
    reporters: ['default'],
  },
});
