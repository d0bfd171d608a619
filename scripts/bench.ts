/**
 * Per-turn latency of an answered question through POST /api/messages (the Emulator's way,
 * `expectReplies`), with many conversations at once, against the real app started in process on
 * port 0 with the embedded store in a temp folder. Prints figures; asserts nothing.
 *
 *   npm run bench [-- --conversations 50 --turns 20 --warmup 1]
 *
 * Each conversation is greeted first (not measured), then asks `turns` questions one after the
 * other, as a visitor would; all conversations run at the same time.
 */
import { CommandLine } from './lib/commandLine.js';
import { askBot, startInProcessApp } from './lib/inProcessApp.js';
import { percentile } from './lib/percentile.js';

const command = new CommandLine(
  'bench',
  'usage: npm run bench -- [--conversations 50] [--turns 20] [--warmup 1]',
);
const args = command.options({
  conversations: { type: 'string', default: '50' },
  turns: { type: 'string', default: '20' },
  warmup: { type: 'string', default: '1' },
});
const conversations = command.integer('conversations', args.conversations);
const turns = command.integer('turns', args.turns);
const warmup = command.integer('warmup', args.warmup, 0);

/**
 * Questions the articles answer, in the visitor's own words (not the articles' alternate
 * questions). Each conversation keeps to one language, as a visitor would.
 */
const QUESTIONS: Record<'en-US' | 'es-US', string[]> = {
  'en-US': [
    'How do I make an online account with USCIS?',
    'Which phone number do I dial to speak with the USCIS Contact Center?',
    'How long is USCIS taking these days to process a work permit?',
    'I lost my green card and travel next week, how do I get a temporary stamp in my passport?',
  ],
  'es-US': [
    '¿Qué número marco para comunicarme con el Centro de Contacto de USCIS?',
    'No puedo ir a mi cita de huellas digitales, ¿cómo la cambio?',
    'Perdí mi tarjeta verde y viajo pronto, ¿cómo consigo un sello temporal en el pasaporte?',
    'Tengo un compromiso el día de mi entrevista de ciudadanía, ¿la puedo pasar a otra fecha?',
  ],
};

function questionFor(conversation: number, turn: number): { text: string; locale: 'en-US' | 'es-US' } {
  const locale = conversation % 2 === 0 ? 'en-US' : 'es-US';
  const list = QUESTIONS[locale];
  return { text: list[(conversation + turn) % list.length] as string, locale };
}

interface Turn {
  ms: number;
  answered: boolean;
}

async function post(baseUrl: string, conversationId: string, text: string, locale: string): Promise<Turn> {
  const started = performance.now();
  const { status, replies } = await askBot(baseUrl, {
    conversationId,
    from: `bench-${conversationId}`,
    locale,
    text,
  });
  const ms = performance.now() - started;
  if (status !== 200) throw new Error(`HTTP ${status}`);
  return { ms, answered: replies.some((reply) => Boolean(reply.channelData?.answer)) };
}

async function main(): Promise<void> {
  // One address sends everything: the per-address limits of the Emulator mode would measure themselves.
  const running = await startInProcessApp({
    tempPrefix: 'va-bench-',
    env: { WIDGET_IP_MESSAGES_PER_MINUTE: '1000000', WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000000' },
  });
  try {
    const { baseUrl } = running;
    const ids = Array.from({ length: conversations }, (_, index) => `bench-${process.pid}-${index}`);
    // Greeting and warm-up turns: state created, code paths compiled; not measured.
    await Promise.all(ids.map((id, index) => post(baseUrl, id, 'hello', questionFor(index, 0).locale)));
    for (let round = 0; round < warmup; round += 1) {
      await Promise.all(
        ids.map((id, index) => {
          const question = questionFor(index, round);
          return post(baseUrl, id, question.text, question.locale);
        }),
      );
    }

    const results: Turn[] = [];
    const started = performance.now();
    await Promise.all(
      ids.map(async (id, index) => {
        for (let turn = 0; turn < turns; turn += 1) {
          const question = questionFor(index, turn);
          results.push(await post(baseUrl, id, question.text, question.locale));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sorted = results.map((result) => result.ms).sort((a, b) => a - b);
    const answered = results.filter((result) => result.answered).length;

    process.stdout.write(
      [
        `answered question through /api/messages (expectReplies), embedded store, ${conversations} concurrent conversations × ${turns} turns`,
        `  turns          ${results.length} (${answered} answered from an article)`,
        `  latency p50    ${percentile(sorted, 50).toFixed(1)} ms`,
        `  latency p99    ${percentile(sorted, 99).toFixed(1)} ms`,
        `  latency max    ${(sorted[sorted.length - 1] ?? 0).toFixed(1)} ms`,
        `  throughput     ${(results.length / seconds).toFixed(0)} turns/s over ${seconds.toFixed(1)} s`,
        '',
        'Other benchmarks: npm run bench:search (answer engine alone), npm run bench:socket (widget channel),',
        'npm run bench:handoff (live-agent queue).',
        '',
      ].join('\n'),
    );
  } finally {
    await running.stop();
  }
}

await command.run(main);
