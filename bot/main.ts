import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './logging/logger.js';

/** A service that listens; `ready` resolves once the answer engine answers. */
export interface StartedService {
  ready: Promise<void>;
}

/**
 * The process entry point: read the config, build the app, listen, and stop gracefully on
 * SIGTERM/SIGINT. A bad setting stops start-up with one line naming it; so does a damaged store
 * file (before it listens) and an answer engine that cannot be built (after: it trains meanwhile).
 */
async function main(): Promise<StartedService> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.log);
  const app = await createApp(config, { logger });
  const address = await app.listen();
  // Before the line that says it listens: whoever waits for that line may signal at once.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app
      .stop()
      .then(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'failed to stop cleanly');
        logger.flush();
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  logger.info(
    { store: app.store.kind, port: address.port },
    `virtual assistant listening on http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`,
  );
  // The answer engine finishes training after the service listens (readiness says so meanwhile).
  const ready = app.ready.then(() => logger.info('ready: the answer engine answers'));
  ready.catch((error: unknown) => {
    logger.error({ err: error }, 'the answer engine could not be built from the published articles');
    logger.flush();
    process.stderr.write(
      `Start-up failed: the answer engine could not be built (${error instanceof Error ? error.message : String(error)})\n`,
    );
    process.exit(1);
  });
  return { ready };
}

/** The running service, for the launcher (bot/startup/launch.ts) that keeps the compiled code once it is ready. */
export const started: Promise<StartedService | undefined> = main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
