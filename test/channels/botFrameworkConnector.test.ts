import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postActivity, startTestApp, type TestApp } from '../support/testApp.js';

/** Replies to every message, and keeps the connector client each turn was given. */
class ClientCapturingBot extends ActivityHandler {
  readonly clients: unknown[] = [];

  constructor() {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      this.clients.push(context.turnState.get(context.adapter.ConnectorClientKey));
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

/** A channel's connector service: takes the replies the bot posts back (normal delivery). */
async function startChannel(): Promise<{
  url: string;
  received: Array<{ path: string; text: string }>;
  close(): Promise<void>;
}> {
  const received: Array<{ path: string; text: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', text: (JSON.parse(body) as { text?: string }).text ?? '' });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the Bot Framework connector client', () => {
  const bot = new ClientCapturingBot();
  let testApp: TestApp;
  let first: Awaited<ReturnType<typeof startChannel>>;
  let second: Awaited<ReturnType<typeof startChannel>>;

  beforeAll(async () => {
    testApp = await startTestApp({}, { bot });
    first = await startChannel();
    second = await startChannel();
  });
  afterAll(async () => {
    await testApp?.stop();
    await first?.close();
    await second?.close();
  });

  it('when turns come from one channel service, then they share one connector client; another service gets its own', async () => {
    const send = (serviceUrl: string, conversationId: string, text: string) =>
      postActivity(testApp.baseUrl, {
        text,
        serviceUrl,
        deliveryMode: 'normal',
        id: randomUUID(),
        conversation: { id: conversationId },
      });
    const widgetLikeId = randomUUID();
    for (const [n, conversationId] of ['conv-a', 'conv-b', widgetLikeId].entries()) {
      expect((await send(first.url, conversationId, `m${n}`)).status).toBe(200);
    }
    expect((await send(second.url, 'conv-c', 'm3')).status).toBe(200);

    expect(bot.clients).toHaveLength(4);
    expect(bot.clients[1]).toBe(bot.clients[0]);
    expect(bot.clients[2]).toBe(bot.clients[0]);
    expect(bot.clients[3]).not.toBe(bot.clients[0]);
    // The replies reached each service, under the channel's own conversation ids.
    expect(first.received.map(({ path, text }) => [path.split('/')[3], text])).toEqual([
      ['conv-a', 'echo: m0'],
      ['conv-b', 'echo: m1'],
      [widgetLikeId, 'echo: m2'],
    ]);
    expect(second.received.map(({ text }) => text)).toEqual(['echo: m3']);
  });
});
