/**
 * Measures the answer engine on labelled questions, next to a plain fuse.js baseline.
 *
 *   npm run eval [-- --part all|tune|holdout] [--errors N] [--noise-seed N]
 *     our articles (knowledge/articles) against ../shared/eval/dev.jsonl, with the calibration the
 *     bot ships (knowledge/engine/thresholds.json); the baseline's thresholds are chosen on
 *     knowledge/eval/validation.jsonl by the same calibration. Figures per locale, for the 26 old
 *     topics and the 30 new ones apart (the first 26 rows of ../shared/eval/topics.tsv are the old
 *     ones); questions about a topic with no article yet count as out of scope (no article covers
 *     them) and are reported on their own. About a third of dev.jsonl is held out (see
 *     scripts/lib/devSplit.ts): its figures are printed, its failures never. A second evaluation
 *     runs the same questions through a seeded noise model (scripts/lib/noiseModel.ts).
 *   npm run eval -- --articles FILE --queries FILE [--calibrate VALFILE] [--split] [--errors N]
 *     an external corpus (shared/bench formats). With --calibrate, weights and thresholds are chosen
 *     on VALFILE only. With --split, VALFILE and FILE are taken as one file cut in two by a hash of
 *     each question: calibrate on the first half of VALFILE, measure on the second half of FILE.
 *
 * The wrong-answer rate counts the questions that got a confident wrong article: in-scope answered
 * with another article, plus out-of-scope answered at all, among all questions. Ends with one JSON
 * line of the figures.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOPICS } from '../knowledge/content/topics.js';
import { AnswerIndex } from '../knowledge/engine/answerIndex.js';
import {
  calibrate,
  chooseThresholds,
  DEFAULT_CALIBRATION_OPTIONS,
  outcomeFor,
} from '../knowledge/engine/calibration.js';
import {
  DEFAULT_THRESHOLDS,
  languageOf,
  type DecisionThresholds,
} from '../knowledge/engine/calibrationFile.js';
import {
  decisionOutcome,
  isTop1Correct,
  measureDecisions,
  type DecisionMetrics,
  type DecisionOutcome,
  type LabeledQuestion,
} from '../knowledge/engine/evaluation.js';
import { KNOWLEDGE_CALIBRATION } from '../knowledge/engine/knowledgeEngine.js';
import type { IndexDocument } from '../knowledge/engine/types.js';
import {
  readDocuments,
  readPassageQuestionsJsonl,
  readQuestionsJsonl,
  splitInHalves,
} from './lib/benchFiles.js';
import { CommandLine } from './lib/commandLine.js';
import { devPartOf, type DevPart } from './lib/devSplit.js';
import { FuseBaseline } from './lib/fuseBaseline.js';
import { countInScopeMisses } from './lib/inScopeMisses.js';
import { addNoise, DEFAULT_NOISE } from './lib/noiseModel.js';
import { preciseAnswers } from './lib/preciseAnswers.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_QUERIES = path.resolve(REPO_ROOT, '../shared/eval/dev.jsonl');
const OUR_VALIDATION = path.resolve(REPO_ROOT, 'knowledge/eval/validation.jsonl');
/** Detail and general questions of our own about one article each (precise answers). */
const OUR_PASSAGE_QUESTIONS = path.resolve(REPO_ROOT, 'knowledge/eval/passages.jsonl');
/** The first topics (of topics.ts, which mirrors ../shared/eval/topics.tsv) are the ones the knowledge base started with. */
const OLD_TOPIC_COUNT = 26;

const command = new CommandLine(
  'eval',
  'usage: npm run eval -- [--part all|tune|holdout] [--articles FILE --queries FILE] [--calibrate VALFILE [--split]] [--errors N] [--noise-seed N] [--baseline-max N] [--oos-target 0.9] [--wrong-limit 0.02]',
);
const args = command.options({
  articles: { type: 'string' },
  queries: { type: 'string' },
  calibrate: { type: 'string' },
  split: { type: 'boolean', default: false },
  part: { type: 'string', default: 'all' },
  errors: { type: 'string', default: '80' },
  'noise-seed': { type: 'string', default: String(DEFAULT_NOISE.seed) },
  'baseline-max': { type: 'string', default: '400' },
  'oos-target': { type: 'string', default: String(DEFAULT_CALIBRATION_OPTIONS.outOfScopeTarget) },
  'wrong-limit': { type: 'string', default: String(DEFAULT_CALIBRATION_OPTIONS.wrongAnswerLimit) },
});
if (args.split && !args.calibrate) command.usageError('--split needs --calibrate');
if (!['all', 'tune', 'holdout'].includes(args.part))
  command.usageError(`--part must be "all", "tune" or "holdout", not "${args.part}"`);
const part = args.part as 'all' | DevPart;
const errorLimit = command.integer('errors', args.errors, 0);
const noiseSeed = command.integer('noise-seed', args['noise-seed'], 0);
const baselineMax = command.integer('baseline-max', args['baseline-max']);
/** The calibration targets for external corpora and for the baseline (ours ship in thresholds.json). */
const targets = {
  outOfScopeTarget: command.number('oos-target', args['oos-target'], 0, 1),
  wrongAnswerLimit: command.number('wrong-limit', args['wrong-limit'], 0, 1),
};

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`.padStart(6);
}

/**
 * fuse.js scans every string for every question (about a second per question on CLINC150's 15,000
 * training questions), so on large files the baseline runs on an evenly spread, deterministic sample.
 */
function evenSample<T>(rows: readonly T[], max: number): T[] {
  if (rows.length <= max) return [...rows];
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)] as T);
}

/** Baseline thresholds per language, chosen like the engine's (pooled when a language has few questions). */
function baselineThresholds(
  baseline: FuseBaseline,
  validation: readonly LabeledQuestion[],
): (locale: string) => DecisionThresholds {
  const pooled = chooseThresholds(
    validation.map((question) => baseline.rank(question)),
    targets,
  ).thresholds;
  const byLanguage = new Map<string, DecisionThresholds>();
  for (const language of new Set(validation.map((question) => languageOf(question.locale)))) {
    const group = validation.filter((question) => languageOf(question.locale) === language);
    if (group.length < DEFAULT_CALIBRATION_OPTIONS.minQuestionsPerLocale) continue;
    byLanguage.set(
      language,
      chooseThresholds(
        group.map((question) => baseline.rank(question)),
        targets,
      ).thresholds,
    );
  }
  return (locale) => byLanguage.get(languageOf(locale)) ?? pooled;
}

/** What one system did with one question. */
interface Run {
  question: LabeledQuestion;
  outcome: DecisionOutcome;
  /** The best-ranked document, whatever the decision. */
  best: string | null;
  score: number;
}

interface System {
  name: string;
  run(questions: readonly LabeledQuestion[]): Run[];
}

function engineSystem(index: AnswerIndex<IndexDocument>): System {
  return {
    name: 'engine',
    run: (questions) =>
      questions.map((question) => {
        const result = index.answer(question.text, question.locale);
        return {
          question,
          outcome: decisionOutcome(result.decision, result.ranking, result.alternatives),
          best: result.ranking[0]?.document.id ?? null,
          score: Math.round(result.score * 1000) / 1000,
        };
      }),
  };
}

function fuseSystem(baseline: FuseBaseline, thresholdsFor: (locale: string) => DecisionThresholds): System {
  return {
    name: 'fuse',
    run: (questions) =>
      questions.map((question) => {
        const ranked = baseline.rank(question);
        return {
          question,
          outcome: outcomeFor(ranked.ranking, thresholdsFor(question.locale)),
          best: ranked.ranking[0]?.id ?? null,
          score: Math.round((ranked.ranking[0]?.score ?? 0) * 1000) / 1000,
        };
      }),
  };
}

function measure(runs: readonly Run[]): DecisionMetrics {
  return measureDecisions(
    runs.map((run) => run.question),
    runs.map((run) => run.outcome),
  );
}

function isRight(run: Run): boolean {
  return run.question.expect === null
    ? run.outcome.decision === 'none'
    : isTop1Correct(run.question.expect, run.outcome);
}

const HEADER =
  'locale  group          system  in-scope top-1  oos none   answer  clarify   none  wrong-answer   n(in/oos)';

function row(language: string, group: string, system: string, metrics: DecisionMetrics): string {
  const inScope = metrics.inScopeN > 0;
  const oos = metrics.oosN > 0;
  const cell = (value: number, show: boolean, width: number): string =>
    (show ? pct(value) : '-').padStart(width);
  return (
    `${language.padEnd(7)} ${group.padEnd(14)} ${system.padEnd(7)}` +
    `${cell(metrics.inScopeTop1, inScope, 15)}${cell(metrics.oosRecall, oos, 10)}` +
    `${cell(metrics.answerRate, inScope, 9)}${cell(metrics.clarifyRate, inScope, 9)}${cell(metrics.noneRate, inScope, 7)}` +
    `${pct(metrics.wrongAnswerRate).padStart(14)}   ${metrics.inScopeN}/${metrics.oosN}`
  );
}

function printErrors(title: string, runs: readonly Run[]): void {
  const wrong = runs.filter((run) => !isRight(run));
  console.log(`\n${title}: ${wrong.length}${wrong.length > errorLimit ? ` (first ${errorLimit})` : ''}`);
  for (const run of wrong.slice(0, errorLimit)) {
    console.log(
      `  [${run.question.locale}] ${JSON.stringify(run.question.text)}  expected=${run.question.expect ?? 'none'} ` +
        `got=${run.best ?? '-'} decision=${run.outcome.decision} score=${run.score}`,
    );
  }
}

/** The ranking alone, and where the in-scope misses were lost (see `countInScopeMisses`). */
function inScopeMisses(runs: readonly Run[]): string {
  const misses = countInScopeMisses(
    runs.map((run) => ({ expect: run.question.expect, best: run.best, right: isRight(run) })),
  );
  return (
    `ranked first ${pct(misses.rankedFirst / Math.max(1, misses.inScope)).trim()}; ` +
    `misses: ${misses.anotherFirst} another article first, ${misses.heldBack} right one first but held back`
  );
}

/** A dev question with what the report groups it by. */
interface DevQuestion extends LabeledQuestion {
  /** The topic asked about, even when it has no article yet (then `expect` is null). */
  topic: string | null;
  group: 'old-26' | 'new-30' | 'unwritten' | 'out-of-scope';
  part: DevPart;
}

async function evaluateOurArticles(): Promise<void> {
  const documents = await readDocuments(undefined);
  const topics = [...TOPICS];
  const oldTopics = new Set(topics.slice(0, OLD_TOPIC_COUNT));
  const written = new Set(documents.map((document) => `${languageOf(document.locale)}:${document.id}`));
  const questions: DevQuestion[] = (await readQuestionsJsonl(args.queries ?? DEFAULT_QUERIES)).map(
    (question) => {
      const topic = question.expect;
      const hasArticle = topic !== null && written.has(`${languageOf(question.locale)}:${topic}`);
      const group =
        topic === null
          ? 'out-of-scope'
          : !hasArticle
            ? 'unwritten'
            : oldTopics.has(topic)
              ? 'old-26'
              : 'new-30';
      return {
        ...question,
        // A question about a topic no article covers yet must get no article.
        expect: hasArticle ? topic : null,
        topic,
        group,
        part: devPartOf(question),
      };
    },
  );

  const started = performance.now();
  const index = await AnswerIndex.build(documents, { calibration: KNOWLEDGE_CALIBRATION });
  const buildMs = performance.now() - started;
  const baseline = new FuseBaseline(documents);
  const validation = evenSample(await readQuestionsJsonl(OUR_VALIDATION), baselineMax);
  const systems = [engineSystem(index), fuseSystem(baseline, baselineThresholds(baseline, validation))];

  const noise = { ...DEFAULT_NOISE, seed: noiseSeed };
  const noisy: DevQuestion[] = questions.map((question) => ({
    ...question,
    text: addNoise(question.text, question.locale, noise),
  }));

  const queryStarted = performance.now();
  const clean = systems.map((system) => system.run(questions));
  const perQueryMs = (performance.now() - queryStarted) / Math.max(1, questions.length * systems.length);
  const noisyRuns = systems.map((system) => system.run(noisy));

  const languages = [...new Set(questions.map((question) => languageOf(question.locale)))].sort();
  const inPart = (run: Run, wanted: 'all' | DevPart): boolean =>
    wanted === 'all' || (run.question as DevQuestion).part === wanted;
  const ofLanguage = (run: Run, language: string): boolean => languageOf(run.question.locale) === language;
  const ofGroup = (run: Run, group: DevQuestion['group']): boolean =>
    (run.question as DevQuestion).group === group;

  const missing = topics.filter((topic) => !written.has(`en:${topic}`) || !written.has(`es:${topic}`));
  const newTopics = topics.slice(OLD_TOPIC_COUNT);
  const tuneCount = questions.filter((question) => question.part === 'tune').length;
  console.log(`articles: ${documents.length} (knowledge/articles)`);
  console.log(
    `topics with articles: ${topics.length - missing.length} of ${topics.length} ` +
      `(old ${OLD_TOPIC_COUNT - missing.filter((topic) => oldTopics.has(topic)).length} of ${OLD_TOPIC_COUNT}, ` +
      `new ${newTopics.length - missing.filter((topic) => !oldTopics.has(topic)).length} of ${newTopics.length})`,
  );
  if (missing.length > 0)
    console.log(`  not written yet (their questions count as out of scope): ${missing.join(', ')}`);
  console.log(
    `queries:  ${questions.length} (${args.queries ?? DEFAULT_QUERIES}); tune ${tuneCount}, holdout ${questions.length - tuneCount} (scripts/lib/devSplit.ts)`,
  );
  console.log(
    'calibrated on: knowledge/engine/thresholds.json (shipped); baseline: knowledge/eval/validation.jsonl',
  );
  console.log(
    `index build ${buildMs.toFixed(0)} ms; ${perQueryMs.toFixed(2)} ms per question (mean, both systems)`,
  );
  console.log('top-1 counts a direct answer with the expected article, or a "clarify" that offers it first;');
  console.log('an out-of-scope question counts as handled only when the decision is "none";');
  console.log(
    'wrong-answer: in-scope answered with another article + out-of-scope answered, among all questions.\n',
  );

  const summary: Record<string, unknown> = {};
  const table = (title: string, runsBySystem: Run[][], wanted: 'all' | DevPart): void => {
    console.log(`${title}\n${HEADER}`);
    for (const language of languages) {
      systems.forEach((system, s) => {
        const runs = (runsBySystem[s] as Run[]).filter(
          (run) => inPart(run, wanted) && ofLanguage(run, language),
        );
        const groups: [string, Run[]][] = [
          ['old-26', runs.filter((run) => ofGroup(run, 'old-26'))],
          ['new-30', runs.filter((run) => ofGroup(run, 'new-30'))],
          ['out-of-scope', runs.filter((run) => ofGroup(run, 'out-of-scope'))],
          ['unwritten', runs.filter((run) => ofGroup(run, 'unwritten'))],
          ['all', runs],
        ];
        for (const [group, groupRuns] of groups) {
          if (groupRuns.length === 0) continue;
          const metrics = measure(groupRuns);
          console.log(row(language, group, system.name, metrics));
          summary[`${title.split(' ')[0]}.${wanted}.${language}.${group}.${system.name}`] = metrics;
        }
      });
    }
    console.log('');
  };
  table(`clean (part: ${part})`, clean, part);
  if (part === 'all') {
    console.log('tune vs holdout (all groups)\n' + HEADER);
    for (const language of languages) {
      systems.forEach((system, s) => {
        for (const wanted of ['tune', 'holdout'] as const) {
          const runs = (clean[s] as Run[]).filter((run) => inPart(run, wanted) && ofLanguage(run, language));
          const metrics = measure(runs);
          console.log(row(language, wanted, system.name, metrics));
          summary[`clean.${wanted}.${language}.all.${system.name}`] = metrics;
        }
      });
    }
    console.log('');
  }

  console.log(`noisy (seed ${noise.seed}; part: ${part}): in-scope top-1, clean → noisy`);
  for (const language of languages) {
    systems.forEach((system, s) => {
      const pick = (runs: Run[]): Run[] =>
        runs.filter((run) => inPart(run, part) && ofLanguage(run, language));
      const cleanMetrics = measure(pick(clean[s] as Run[]));
      const noisyMetrics = measure(pick(noisyRuns[s] as Run[]));
      console.log(
        `${language.padEnd(7)} ${system.name.padEnd(7)} ${pct(cleanMetrics.inScopeTop1)} → ${pct(noisyMetrics.inScopeTop1)}` +
          `  (${((noisyMetrics.inScopeTop1 - cleanMetrics.inScopeTop1) * 100).toFixed(1)} points)` +
          `   noisy oos none ${pct(noisyMetrics.oosRecall)}  noisy wrong-answer ${pct(noisyMetrics.wrongAnswerRate)}`,
      );
      summary[`noisy.${part}.${language}.all.${system.name}`] = noisyMetrics;
    });
  }
  const engineRuns = clean[0] as Run[];
  console.log('\nengine in-scope questions, the ranking alone (best candidate, whatever the decision):');
  for (const language of languages) {
    const runs = engineRuns.filter((run) => inPart(run, part) && ofLanguage(run, language));
    console.log(`${language.padEnd(7)} ${inScopeMisses(runs)}`);
  }

  const precise = preciseAnswers(index, await readPassageQuestionsJsonl(OUR_PASSAGE_QUESTIONS));
  console.log(
    `\nprecise answers (${path.relative(REPO_ROOT, OUR_PASSAGE_QUESTIONS)}): ${precise.right} of ${precise.total} ` +
      'right (a detail question gets the passage that says it, a general question the short answer)',
  );
  for (const miss of precise.misses) console.log(`  ${miss}`);
  summary.preciseAnswers = { right: precise.right, total: precise.total };

  // Failures are listed for the tune part only: looking at the held-out ones would make them tuning data.
  printErrors(
    'tune questions the engine got wrong',
    engineRuns.filter((run) => inPart(run, 'tune')),
  );
  printErrors(
    'noisy tune questions the engine got wrong',
    (noisyRuns[0] as Run[]).filter((run) => inPart(run, 'tune')),
  );
  console.log('');
  console.log(JSON.stringify(summary));
}

async function evaluateExternal(): Promise<void> {
  const documents = await readDocuments(args.articles);
  const queriesFile = args.queries ?? DEFAULT_QUERIES;
  let queries = await readQuestionsJsonl(queriesFile);

  // Where thresholds come from. Never from the measured queries.
  let validation: LabeledQuestion[] | undefined;
  let validationName = 'none (default calibration)';
  if (args.calibrate) {
    validation = await readQuestionsJsonl(args.calibrate);
    validationName = args.calibrate;
    if (args.split) {
      validation = splitInHalves(validation)[0];
      queries = splitInHalves(queries)[1];
      validationName += ' (first half by hash)';
    }
  }

  const started = performance.now();
  let index = await AnswerIndex.build(documents);
  const buildMs = performance.now() - started;
  if (validation) index = index.withCalibration(calibrate(index, validation, targets).calibration);

  const baseline = new FuseBaseline(documents);
  const thresholdsForBaseline = validation
    ? baselineThresholds(baseline, evenSample(validation, baselineMax))
    : () => DEFAULT_THRESHOLDS;
  const queryStarted = performance.now();
  const engineRuns = engineSystem(index).run(queries);
  const perQueryMs = (performance.now() - queryStarted) / Math.max(1, queries.length);
  const sampled = evenSample(queries, baselineMax);
  const fuseRuns = fuseSystem(baseline, thresholdsForBaseline).run(sampled);

  console.log(`articles: ${documents.length} (${args.articles})`);
  console.log(`queries:  ${queries.length} (${queriesFile}${args.split ? ', second half by hash' : ''})`);
  console.log(`calibrated on: ${validationName}`);
  console.log(`index build ${buildMs.toFixed(0)} ms; ${perQueryMs.toFixed(2)} ms per question (mean)`);
  if (sampled.length < queries.length) {
    console.log(
      `fuse baseline: measured on ${sampled.length} evenly spread questions (fuse.js is slow on large sets)`,
    );
  }
  console.log('top-1 counts a direct answer with the expected article, or a "clarify" that offers it first;');
  console.log('an out-of-scope question counts as handled only when the decision is "none".\n');
  console.log(HEADER);
  const languages = [...new Set(queries.map((question) => languageOf(question.locale)))].sort();
  const summary: Record<string, DecisionMetrics & { baseline: DecisionMetrics }> = {};
  for (const language of languages) {
    const engine = measure(engineRuns.filter((run) => languageOf(run.question.locale) === language));
    const fuse = measure(fuseRuns.filter((run) => languageOf(run.question.locale) === language));
    console.log(row(language, 'all', 'engine', engine));
    console.log(row(language, 'all', 'fuse', fuse));
    summary[language] = { ...engine, baseline: fuse };
  }
  console.log('\nengine in-scope questions, the ranking alone (best candidate, whatever the decision):');
  for (const language of languages) {
    console.log(
      `${language.padEnd(7)} ${inScopeMisses(engineRuns.filter((run) => languageOf(run.question.locale) === language))}`,
    );
  }
  printErrors('questions the engine got wrong', engineRuns);
  console.log('');
  console.log(JSON.stringify(summary));
}

await command.run(async () => {
  if (args.articles !== undefined) await evaluateExternal();
  else await evaluateOurArticles();
});
