import { startInProcessApp } from './lib/inProcessApp.js';
const convs: string[][] = JSON.parse(process.argv[2] ?? '[]');
const started = await startInProcessApp({ tempPrefix: 'try-' });
let n = 0;
for (const conv of convs) {
  const id = `try-${n++}`;
  const send = async (body: Record<string, unknown>) => {
    const res = await fetch(`${started.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({
      channelId: 'directline', serviceUrl: 'http://127.0.0.1:1', conversation: { id }, from: { id: 'u-' + id }, recipient: { id: 'bot' }, deliveryMode: 'expectReplies', id: String(Math.random()), ...body }) });
    const json = (await res.json()) as { activities?: { text?: string; suggestedActions?: { actions: { title: string }[] }; channelData?: { outcome?: string } }[] };
    return json.activities ?? [];
  };
  console.log('=====');
  for (const line of conv) {
    const [text, locale] = line.startsWith('es:') ? [line.slice(3), 'es'] : [line, 'en'];
    const acts = await send({ type: 'message', text, locale });
    console.log(`> ${text}`);
    for (const a of acts) console.log(`  [${a.channelData?.outcome}] ${(a.text ?? '').replace(/\n+/g, ' ⏎ ').slice(0, 260)}${a.suggestedActions ? '  {' + a.suggestedActions.actions.map((x) => x.title).join(' | ') + '}' : ''}`);
  }
}
await started.stop();
