/**
 * Measures how the conversation around a question changes its answer: every question of the
 * development set is asked alone, then right after each of a few opening questions that give the
 * conversation a topic (8 per language), through POST /api/messages of the real app started in
 * process. A visitor who changes the subject must get the answer the question gets alone; one
 * whose question needs the topic gets a better one. Counts, per locale, the replies the topic
 * changed, and among them those it made worse (the right article alone, another after the
 * topic) or better (the reverse). A reply's article is the one it answers with, or the first
 * option of its "Did you mean…?"; an out-of-scope question is right with none.
 *
 *   npm run eval:switch [-- --queries FILE] [--concurrency N] [--errors N]
 *
 * Ends with one JSON line keyed by locale. Skips with a message when the set is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabeledQuestion } from '../knowledge/engine/evaluation.js';
import { readQuestionsJsonl } from './lib/benchFiles.js';
import { CommandLine } from './lib/commandLine.js';
import { devSetRun } from './lib/devSetRun.js';
import { askBot, startInProcessApp } from './lib/inProcessApp.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const command = new CommandLine(
  'eval:switch',
  'usage: npm run eval:switch -- [--queries FILE] [--concurrency N] [--errors N]',
);
const { queriesFile, concurrency, errorLimit } = devSetRun(command, REPO_ROOT);

/**
 * Questions that start a conversation about one of the topics visitors ask most, in each
 * language (written for this measure, not taken from the development set).
 */
const OPENINGS: Record<string, readonly string[]> = {
  en: [
    'how do I renew my green card',
    'I lost my work permit',
    'how do I apply for citizenship',
    'what is the uscis phone number',
    'can i travel with advance parole',
    'I moved, how do I change my address',
    'what happens at the biometrics appointment',
    'I got a request for evidence',
  ],
  es: [
    'cómo renuevo mi tarjeta verde',
    'perdí mi permiso de trabajo',
    'cómo solicito la ciudadanía',
    'cuál es el teléfono de uscis',
    'puedo viajar con permiso adelantado',
    'me mudé, cómo cambio mi dirección',
    'qué pasa en la cita de biométricos',
    'me llegó una solicitud de evidencia',
  ],
};

interface Reply {
  channelData?: { answer?: { articleId?: string } | null };
  suggestedActions?: { actions?: { value?: unknown }[] };
}

interface Change {
  question: LabeledQuestion;
  opening: string;
  alone: string | null;
  after: string | null;
}

/** The article a turn's replies give: the one answered with, else the first one offered. */
function articleOf(replies: Reply[]): string | null {
  for (const reply of replies) {
    const articleId = reply.channelData?.answer?.articleId;
    if (articleId) return articleId;
  }
  for (const reply of replies) {
    for (const action of reply.suggestedActions?.actions ?? []) {
      const value = action.value as { type?: string; articleId?: string } | undefined;
      if (value?.type === 'article' && value.articleId) return value.articleId;
    }
  }
  return null;
}

let conversations = 0;

/** One conversation: each message in turn; the article of the last one's replies. */
async function converse(
  baseUrl: string,
  locale: string,
  messages: readonly string[],
): Promise<string | null> {
  const id = `switch-${conversations++}`;
  let replies: Reply[] = [];
  for (const text of messages) {
    const asked = await askBot(baseUrl, {
      conversationId: id,
      from: `${id}-visitor`,
      locale: locale === 'es' ? 'es-US' : 'en-US',
      text,
    });
    if (asked.status !== 200) throw new Error(`HTTP ${asked.status} in conversation ${id}`);
    replies = asked.replies;
  }
  return articleOf(replies);
}

async function main(): Promise<void> {
  if (!existsSync(queriesFile)) {
    process.stdout.write(`eval:switch skipped: no question set at ${queriesFile}\n`);
    return;
  }
  const questions = (await readQuestionsJsonl(queriesFile)).filter((question) => OPENINGS[question.locale]);
  const running = await startInProcessApp({
    tempPrefix: 'va-eval-switch-',
    env: { WIDGET_IP_MESSAGES_PER_MINUTE: '1000000', WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000000' },
  });
  try {
    const { baseUrl } = running;
    const pairs = new Map<string, number>();
    const changes: Change[] = [];
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < questions.length; index = next++) {
        const question = questions[index] as LabeledQuestion;
        const alone = await converse(baseUrl, question.locale, [question.text]);
        for (const opening of OPENINGS[question.locale] ?? []) {
          pairs.set(question.locale, (pairs.get(question.locale) ?? 0) + 1);
          const after = await converse(baseUrl, question.locale, [opening, question.text]);
          if (after !== alone) changes.push({ question, opening, alone, after });
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;

    const right = (change: Change, article: string | null) => article === change.question.expect;
    const worse = changes.filter((change) => right(change, change.alone) && !right(change, change.after));
    const better = changes.filter((change) => !right(change, change.alone) && right(change, change.after));
    const summary: Record<string, { pairs: number; changed: number; worse: number; better: number }> = {};
    process.stdout.write(
      `${questions.length} questions, each alone and after ${OPENINGS.en?.length} openings, in ${seconds.toFixed(1)} s\n\n`,
    );
    process.stdout.write('locale  pairs  changed  worse  better\n');
    for (const locale of [...pairs.keys()].sort()) {
      const of = (list: Change[]) => list.filter((change) => change.question.locale === locale).length;
      const row = {
        pairs: pairs.get(locale) ?? 0,
        changed: of(changes),
        worse: of(worse),
        better: of(better),
      };
      summary[locale] = row;
      process.stdout.write(
        `${locale.padEnd(8)}${String(row.pairs).padStart(5)}${String(row.changed).padStart(9)}` +
          `${String(row.worse).padStart(7)}${String(row.better).padStart(8)}\n`,
      );
    }
    if (worse.length > 0) {
      process.stdout.write(`\nWorse after a topic (${worse.length}):\n`);
      for (const change of worse.slice(0, errorLimit)) {
        const { text, locale, expect } = change.question;
        process.stdout.write(
          `  [${locale}] "${change.opening}", then "${text}": expected ${expect ?? '(none)'}, ` +
            `got ${change.after ?? '(none)'}\n`,
        );
      }
    }
    process.stdout.write(`\n${JSON.stringify(summary)}\n`);
  } finally {
    await running.stop();
  }
}

await command.run(main);
