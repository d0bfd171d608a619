/**
 * Measures the whole assistant, not just the answer engine: every question of the development set
 * goes through POST /api/messages (the Emulator's way, `expectReplies`) of the real app started in
 * process, in a fresh conversation with the question's locale. A question counts as answered with
 * the article named in `channelData.answer.articleId` of its replies, or with none when every reply
 * says `answer: null` (the set's `expect: null`).
 *
 *   npm run eval:bot [-- --queries FILE] [--concurrency N] [--errors N]
 *
 * Prints per-locale in-scope top-1 and out-of-scope recall, the questions it got wrong, and ends
 * with one JSON line keyed by locale. Skips with a message when the set is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { round4, type LabeledQuestion } from '../knowledge/engine/evaluation.js';
import { readQuestionsJsonl } from './lib/benchFiles.js';
import { CommandLine } from './lib/commandLine.js';
import { devSetRun } from './lib/devSetRun.js';
import { askBot, startInProcessApp } from './lib/inProcessApp.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const command = new CommandLine(
  'eval:bot',
  'usage: npm run eval:bot -- [--queries FILE] [--concurrency N] [--errors N]',
);
const { queriesFile, concurrency, errorLimit } = devSetRun(command, REPO_ROOT);

interface Outcome {
  question: LabeledQuestion;
  /** The article the replies came from; null when none did. */
  answered: string | null;
}

interface LocaleScore {
  inScopeTop1: number;
  oosRecall: number;
  inScopeN: number;
  oosN: number;
}

async function ask(baseUrl: string, question: LabeledQuestion, index: number): Promise<string | null> {
  const { status, replies } = await askBot(baseUrl, {
    conversationId: `eval-${index}`,
    from: `eval-visitor-${index}`,
    locale: question.locale === 'es' ? 'es-US' : 'en-US',
    text: question.text,
  });
  if (status !== 200) throw new Error(`HTTP ${status} for question ${index + 1}`);
  for (const reply of replies) {
    const articleId = reply.channelData?.answer?.articleId;
    if (articleId) return articleId;
  }
  return null;
}

function score(outcomes: Outcome[]): LocaleScore {
  const inScope = outcomes.filter((outcome) => outcome.question.expect !== null);
  const outOfScope = outcomes.filter((outcome) => outcome.question.expect === null);
  const ratio = (hits: number, total: number) => (total === 0 ? 0 : round4(hits / total));
  return {
    inScopeTop1: ratio(
      inScope.filter((outcome) => outcome.answered === outcome.question.expect).length,
      inScope.length,
    ),
    oosRecall: ratio(outOfScope.filter((outcome) => outcome.answered === null).length, outOfScope.length),
    inScopeN: inScope.length,
    oosN: outOfScope.length,
  };
}

async function main(): Promise<void> {
  if (!existsSync(queriesFile)) {
    process.stdout.write(`eval:bot skipped: no question set at ${queriesFile}\n`);
    return;
  }
  const questions = await readQuestionsJsonl(queriesFile);
  // One address sends everything: the per-address limits of the Emulator mode would measure themselves.
  const running = await startInProcessApp({
    tempPrefix: 'va-eval-bot-',
    env: { WIDGET_IP_MESSAGES_PER_MINUTE: '1000000', WIDGET_IP_CONVERSATIONS_PER_MINUTE: '1000000' },
  });
  try {
    const { baseUrl } = running;
    const outcomes = new Array<Outcome>(questions.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < questions.length; index = next++) {
        const question = questions[index] as LabeledQuestion;
        outcomes[index] = { question, answered: await ask(baseUrl, question, index) };
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;

    const locales = [...new Set(questions.map((question) => question.locale))].sort();
    const summary: Record<string, LocaleScore> = {};
    process.stdout.write(
      `${questions.length} questions through /api/messages in ${seconds.toFixed(1)} s\n\n`,
    );
    process.stdout.write('locale  in-scope top-1        out-of-scope recall\n');
    for (const locale of locales) {
      const result = score(outcomes.filter((outcome) => outcome.question.locale === locale));
      summary[locale] = result;
      process.stdout.write(
        `${locale.padEnd(8)}${(result.inScopeTop1 * 100).toFixed(1).padStart(5)}% of ${String(result.inScopeN).padEnd(10)}` +
          `${(result.oosRecall * 100).toFixed(1).padStart(5)}% of ${result.oosN}\n`,
      );
    }
    const wrong = outcomes.filter((outcome) => outcome.answered !== outcome.question.expect);
    if (wrong.length > 0) {
      process.stdout.write(`\nWrong (${wrong.length}):\n`);
      for (const outcome of wrong.slice(0, errorLimit)) {
        const { text, locale, expect } = outcome.question;
        process.stdout.write(
          `  [${locale}] expected ${expect ?? '(none)'}, got ${outcome.answered ?? '(none)'}: ${text}\n`,
        );
      }
    }
    process.stdout.write(`\n${JSON.stringify(summary)}\n`);
  } finally {
    await running.stop();
  }
}

await command.run(main);
