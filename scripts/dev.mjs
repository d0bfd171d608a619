// Development mode: esbuild rebuilds on every change (server and browser bundles) and Node's own
// --watch restarts the service when the server bundle changes. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builder = spawn(process.execPath, ['scripts/build.mjs', '--watch'], { cwd: root, stdio: 'inherit' });

// Wait for the first server bundle before starting Node on it.
const bundle = path.join(root, 'dist/bot/main.js');
for (let tries = 0; tries < 100; tries += 1) {
  if (
    await stat(bundle).then(
      () => true,
      () => false,
    )
  )
    break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const server = spawn(process.execPath, ['--watch', '--enable-source-maps', bundle], {
  cwd: root,
  stdio: 'inherit',
});

const stop = () => {
  builder.kill('SIGTERM');
  server.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
await Promise.race([once(builder, 'exit'), once(server, 'exit')]);
stop();
