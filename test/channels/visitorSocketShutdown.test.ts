import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/testApp.js';
import { EchoBot } from './support/echoBot.js';
import { botTexts, openSession, sendMessage, waitUntil, withTimeout } from './support/visitorClient.js';
import { stringContaining } from '../support/matchers.js';

describe('visitor socket: graceful stop', () => {
  it('when the app stops during a turn, then new messages are refused as retryable, the running turn still answers, and sockets are closed', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const testApp = await startTestApp(
      {},
      { bot: new EchoBot({ beforeReply: (text) => (text === 'slow' ? held : Promise.resolve()) }) },
    );
    const { socket, messages } = await openSession(testApp.baseUrl, { auth: { locale: 'es' } });
    const disconnected = withTimeout(
      new Promise<string>((resolve) => socket.once('disconnect', resolve)),
      'disconnect',
      10_000,
    );
    expect((await sendMessage(socket, { text: 'slow', locale: 'es' })).ok).toBe(true);
    await waitUntil(
      () => messages.some((message) => message.text === 'slow'),
      'the echo of the held message',
    );

    const stopped = testApp.stop();
    const refused = await sendMessage(socket, { text: 'too late', locale: 'es' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'shutting_down', message: stringContaining('reiniciando') },
    });

    release();
    await waitUntil(
      () => botTexts(messages).includes('echo: slow'),
      'the held reply before the stop completes',
    );
    await withTimeout(stopped, 'the stop', 10_000);
    // The server going away is a recoverable drop for the client: it would reconnect elsewhere.
    expect(await disconnected).toBe('transport close');
    socket.disconnect();
  });
});
