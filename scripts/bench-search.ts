/**
 * Benchmarks the answer engine: index build time, per-question latency (p50/p99 after warm-up),
 * heap used after the build, and the longest event-loop stall during a cooperative rebuild, for our
 * articles and for 5,000 generated articles. Prints figures; asserts nothing.
 *
 *   npm run bench:search [-- --synthetic 5000 --queries 5000]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadArticleFiles } from '../knowledge/content/articleFiles.js';
import { AnswerIndex } from '../knowledge/engine/answerIndex.js';
import { KnowledgeIndexHolder } from '../knowledge/engine/knowledgeIndexHolder.js';
import type { IndexDocument } from '../knowledge/engine/types.js';
import { CommandLine } from './lib/commandLine.js';
import { percentile } from './lib/percentile.js';
import { generateArticles, generateQuestions } from './lib/syntheticArticles.js';

const command = new CommandLine(
  'bench:search',
  'usage: npm run bench:search -- [--synthetic 5000] [--queries 5000]',
);
const args = command.options({
  synthetic: { type: 'string', default: '5000' },
  queries: { type: 'string', default: '5000' },
});
const syntheticCount = command.integer('synthetic', args.synthetic);
const queryCount = command.integer('queries', args.queries);

// A garbage collection before reading the heap makes "heap used after build" mean the index, not leftovers.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function bench(
  name: string,
  documents: readonly IndexDocument[],
  questions: readonly string[],
  locales: readonly string[],
): Promise<void> {
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStarted = performance.now();
  const index = await AnswerIndex.build(documents);
  const buildMs = performance.now() - buildStarted;
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;

  const ask = (i: number): void => {
    index.answer(questions[i % questions.length] as string, locales[i % locales.length] as string);
  };
  const warmUp = Math.min(1_000, questions.length);
  for (let i = 0; i < warmUp; i++) ask(i);
  const latencies: number[] = [];
  for (let i = 0; i < questions.length; i++) {
    const started = performance.now();
    ask(i);
    latencies.push(performance.now() - started);
  }

  // The same build through the holder, as the bot runs it, while measuring event-loop delay.
  const holder = new KnowledgeIndexHolder();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const rebuildStarted = performance.now();
  await holder.rebuild(documents);
  const rebuildMs = performance.now() - rebuildStarted;
  delay.disable();

  console.log(`\n${name}: ${documents.length} articles (${index.languages.join(', ')})`);
  console.log(`  index build (one go)         ${buildMs.toFixed(0)} ms`);
  console.log(
    `  heap used by the index       ${megabytes(heapAfter - heapBefore)} (heap after build ${megabytes(heapAfter)})`,
  );
  console.log(
    `  per-question latency         p50 ${percentile(latencies, 50).toFixed(3)} ms  p99 ${percentile(latencies, 99).toFixed(3)} ms` +
      `  max ${percentile(latencies, 100).toFixed(3)} ms  (${latencies.length} questions after ${warmUp} warm-up)`,
  );
  console.log(
    `  cooperative rebuild          ${rebuildMs.toFixed(0)} ms, longest event-loop stall ${(delay.max / 1e6).toFixed(1)} ms` +
      ` (p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms)`,
  );
}

async function main(): Promise<void> {
  const { articles } = await loadArticleFiles();
  if (articles.length > 0) {
    const ourQuestions = articles.flatMap((article) => [article.title, ...article.questions]);
    const ourLocales = articles.flatMap((article) => [
      article.locale,
      ...article.questions.map(() => article.locale),
    ]);
    const questions = Array.from(
      { length: queryCount },
      (_, i) => ourQuestions[i % ourQuestions.length] as string,
    );
    const locales = Array.from({ length: queryCount }, (_, i) => ourLocales[i % ourLocales.length] as string);
    await bench('our articles', articles, questions, locales);
  } else {
    console.log('our articles: none found under knowledge/articles');
  }
  const synthetic = generateArticles(syntheticCount, 20_251_123);
  const syntheticQuestions = generateQuestions(synthetic, queryCount, 7);
  await bench(
    'synthetic articles',
    synthetic,
    syntheticQuestions.map((question) => question.text),
    syntheticQuestions.map((question) => question.locale),
  );
}

await command.run(main);
