import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App, type AppOverrides } from '../../bot/app.js';
import { loadConfig } from '../../bot/config/config.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface InProcessApp {
  app: App;
  port: number;
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Stops the app and removes its store's folder. */
  stop(): Promise<void>;
}

/**
 * The real app, started in this process on port 0 with the embedded store in a fresh temp folder
 * and logging off (`env` adds or replaces settings, as environment variables would). The scripts
 * that measure the whole product (bench, bench:socket, bench:handoff, eval:bot) start it this way, so they
 * measure what `npm start` runs.
 */
export async function startInProcessApp(options: {
  tempPrefix: string;
  /** A data folder of the caller's (kept on stop) instead of a fresh temporary one. */
  dataDir?: string;
  env?: Record<string, string>;
  overrides?: AppOverrides;
}): Promise<InProcessApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), options.tempPrefix)));
  const removeData = async () => {
    if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
  };
  let app: App | undefined;
  try {
    const config = loadConfig(
      {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        ...options.env,
      },
      REPO_ROOT,
    );
    app = await createApp(config, options.overrides);
    const { port } = await app.listen();
    // Measured turns start once the answer engine answers (what /readyz reports).
    await app.ready;
    const started = app;
    return {
      app: started,
      port,
      baseUrl: `http://127.0.0.1:${port}`,
      stop: async () => {
        await started.stop();
        await removeData();
      },
    };
  } catch (error) {
    await app?.stop();
    await removeData();
    throw error;
  }
}

/** What the scripts read of the bot's replies: the article an answer came from (`answer: null` when none). */
export interface BotReply {
  channelData?: { answer?: { articleId?: string } | null };
}

/**
 * One visitor message through POST /api/messages, the Emulator's way: `deliveryMode:
 * "expectReplies"` returns the bot's replies in the response body.
 */
export async function askBot(
  baseUrl: string,
  message: { conversationId: string; from: string; locale: string; text: string },
): Promise<{ status: number; replies: BotReply[] }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/unused',
      deliveryMode: 'expectReplies',
      from: { id: message.from },
      recipient: { id: 'bot' },
      conversation: { id: message.conversationId },
      locale: message.locale,
      text: message.text,
    }),
  });
  const body = (await response.json().catch(() => null)) as { activities?: BotReply[] } | null;
  return { status: response.status, replies: body?.activities ?? [] };
}
