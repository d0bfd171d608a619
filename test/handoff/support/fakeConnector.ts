import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Delivered {
  conversationId: string;
  activity: { type?: string; text?: string; channelData?: { role?: string; agentName?: string } };
}

/** A Bot Framework channel's connector service: takes the bot's proactive messages. */
export async function startFakeConnector(): Promise<{
  url: string;
  delivered: Delivered[];
  failNext: { count: number };
  close(): Promise<void>;
}> {
  const delivered: Delivered[] = [];
  const failNext = { count: 0 };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.statusCode = 404;
        res.end();
        return;
      }
      if (failNext.count > 0) {
        failNext.count -= 1;
        res.statusCode = 400;
        res.end();
        return;
      }
      delivered.push({
        conversationId: decodeURIComponent(match[1] ?? ''),
        activity: JSON.parse(body) as Delivered['activity'],
      });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    delivered,
    failNext,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
