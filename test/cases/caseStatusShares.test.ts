import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../contracts/visitorEvents.js';
import {
  openSession,
  sendMessage,
  waitUntil,
  type VisitorClient,
} from '../channels/support/visitorClient.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { CLIENT_ID, CLIENT_SECRET, FakeUscisServer } from './support/fakeUscisServer.js';

function receipt(index: number): string {
  return `LIN${String(9999100000 + index)}`;
}

/**
 * Each visitor's share of the day's Case Status API lookups, through the widget and the real
 * assistant, against a local stand-in for the API: one conversation, or one address opening many
 * conversations, cannot spend the budget every visitor shares.
 */
describe("case status: each visitor's share of the daily budget", () => {
  let fake: FakeUscisServer;
  let running: TestApp | undefined;
  const sockets: VisitorClient[] = [];
  beforeEach(async () => {
    fake = await FakeUscisServer.start();
    running = await startTestApp({
      CASE_STATUS_PROVIDER: 'uscis',
      CASE_STATUS_API_URL: fake.baseUrl,
      CASE_STATUS_CLIENT_ID: CLIENT_ID,
      CASE_STATUS_CLIENT_SECRET: CLIENT_SECRET,
      CASE_STATUS_DAILY_BUDGET: '1000',
      CASE_STATUS_CONVERSATION_DAILY_LOOKUPS: '2',
      CASE_STATUS_ADDRESS_DAILY_LOOKUPS: '3',
      SOCKET_TRUST_PROXY: 'true',
    });
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await running?.stop();
    running = undefined;
    await fake.stop();
  });

  const statusRequests = () =>
    fake.requests.filter((request) => request.path.startsWith('/case-status/')).length;

  async function visitor(address: string, locale: 'en' | 'es' = 'en') {
    const opened = await openSession(running!.baseUrl, {
      headers: { 'x-forwarded-for': address },
      auth: { locale },
    });
    sockets.push(opened.socket);
    await waitUntil(() => opened.messages.some((message) => message.role === 'bot'), 'the welcome');
    const botReplies = () => opened.messages.filter((message: ChatMessage) => message.role === 'bot');
    return {
      /** Asks for a case and resolves with the bot's answer to it. */
      lookUp: async (number: string): Promise<string> => {
        const before = botReplies().length;
        const text = locale === 'es' ? `Estatus del caso ${number}` : `Status of case ${number}`;
        expect((await sendMessage(opened.socket, { text, locale })).ok).toBe(true);
        await waitUntil(() => botReplies().length > before, `the answer about ${number}`);
        return botReplies()
          .slice(before)
          .map((message) => message.text)
          .join('\n');
      },
    };
  }

  it('when one conversation keeps asking, then past its share it is told so, and the API is not called', async () => {
    const ana = await visitor('198.51.100.1');
    expect(await ana.lookUp(receipt(1))).toMatch(/couldn't find a case/);
    expect(await ana.lookUp(receipt(2))).toMatch(/couldn't find a case/);
    expect(statusRequests()).toBe(2);
    const refused = await ana.lookUp(receipt(3));
    expect(refused).toContain("You've reached the number of case status lookups I can do for you today");
    expect(statusRequests()).toBe(2);
    // A number already looked up is answered from the cache: no API call, no share spent.
    expect(await ana.lookUp(receipt(1))).toMatch(/couldn't find a case/);

    // Another visitor (another address) still gets their lookups.
    const bea = await visitor('198.51.100.2', 'es');
    expect(await bea.lookUp(receipt(4))).toMatch(/No encontré un caso/);
    expect(statusRequests()).toBe(3);
  });

  it("when one address opens conversation after conversation, then the address share stops it, in the visitor's language", async () => {
    const first = await visitor('203.0.113.5');
    await first.lookUp(receipt(1));
    await first.lookUp(receipt(2));
    const second = await visitor('203.0.113.5', 'es');
    expect(await second.lookUp(receipt(3))).toMatch(/No encontré un caso/);
    const refused = await second.lookUp(receipt(4));
    expect(refused).toContain(
      'Ya hizo hoy todas las consultas de estatus de casos que puedo hacer por usted',
    );
    const third = await visitor('203.0.113.5');
    expect(await third.lookUp(receipt(5))).toContain("You've reached the number of case status lookups");
    expect(statusRequests()).toBe(3);
  });
});
