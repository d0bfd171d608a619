/**
 * Measures the answer engine on labelled questions, next to a plain fuse.js baseline.
 *
 *   npm run eval
 *     our articles (knowledge/articles) against ../shared/eval/dev.jsonl, with the calibration the
 *     bot ships (knowledge/engine/thresholds.json); the baseline's thresholds are chosen on
 *     knowledge/eval/validation.jsonl by the same calibration.
 *   npm run eval -- --articles FILE --queries FILE [--calibrate VALFILE] [--split] [--errors N]
 *     an external corpus (shared/bench formats). With --calibrate, weights and thresholds are chosen
 *     on VALFILE only. With --split, VALFILE and FILE are taken as one file cut in two by a hash of
 *     each question: calibrate on the first half of VALFILE, measure on the second half of FILE.
 *
 * Prints per-locale in-scope top-1 accuracy and out-of-scope recall, the questions it got wrong,
 * and ends with one JSON line keyed by locale.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnswerIndex } from '../knowledge/engine/answerIndex.js';
import {
  calibrate,
  chooseThresholds,
  DEFAULT_CALIBRATION_OPTIONS,
  outcomeFor,
  type RankedQuestion,
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
import { readDocuments, readQuestionsJsonl, splitInHalves } from './lib/benchFiles.js';
import { CommandLine } from './lib/commandLine.js';
import { FuseBaseline } from './lib/fuseBaseline.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_QUERIES = path.resolve(REPO_ROOT, '../shared/eval/dev.jsonl');
const OUR_VALIDATION = path.resolve(REPO_ROOT, 'knowledge/eval/validation.jsonl');

const command = new CommandLine(
  'eval',
  'usage: npm run eval -- [--articles FILE --queries FILE] [--calibrate VALFILE [--split]] [--errors N] [--baseline-max N] [--oos-weight 0.5]',
);
const args = command.options({
  articles: { type: 'string' },
  queries: { type: 'string' },
  calibrate: { type: 'string' },
  split: { type: 'boolean', default: false },
  errors: { type: 'string', default: '80' },
  'baseline-max': { type: 'string', default: '400' },
  'oos-weight': { type: 'string' },
});
if (args.split && !args.calibrate) command.usageError('--split needs --calibrate');
const errorLimit = command.integer('errors', args.errors, 0);
const baselineMax = command.integer('baseline-max', args['baseline-max']);
const outOfScopeWeight =
  args['oos-weight'] === undefined
    ? DEFAULT_CALIBRATION_OPTIONS.outOfScopeWeight
    : command.number('oos-weight', args['oos-weight'], 0, 1);

interface Wrong {
  text: string;
  locale: string;
  expected: string | null;
  got: string | null;
  decision: string;
  score: number;
}

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
  outOfScopeWeight: number,
): (locale: string) => DecisionThresholds {
  const pooled = chooseThresholds(
    validation.map((question) => baseline.rank(question)),
    outOfScopeWeight,
  ).thresholds;
  const byLanguage = new Map<string, DecisionThresholds>();
  for (const language of new Set(validation.map((question) => languageOf(question.locale)))) {
    const group = validation.filter((question) => languageOf(question.locale) === language);
    if (group.length < DEFAULT_CALIBRATION_OPTIONS.minQuestionsPerLocale) continue;
    byLanguage.set(
      language,
      chooseThresholds(
        group.map((question) => baseline.rank(question)),
        outOfScopeWeight,
      ).thresholds,
    );
  }
  return (locale) => byLanguage.get(languageOf(locale)) ?? pooled;
}

async function main(): Promise<void> {
  const external = args.articles !== undefined;
  const documents = await readDocuments(args.articles);
  const queriesFile = args.queries ?? DEFAULT_QUERIES;
  let queries = await readQuestionsJsonl(queriesFile);

  // Where thresholds come from. Never from the measured queries.
  let validation: LabeledQuestion[] | undefined;
  let validationName: string;
  if (args.calibrate) {
    validation = await readQuestionsJsonl(args.calibrate);
    validationName = args.calibrate;
    if (args.split) {
      validation = splitInHalves(validation)[0];
      queries = splitInHalves(queries)[1];
      validationName += ' (first half by hash)';
    }
  } else if (!external) {
    validationName = 'knowledge/engine/thresholds.json (shipped); baseline: knowledge/eval/validation.jsonl';
  } else {
    validationName = 'none (default calibration)';
  }

  const started = performance.now();
  let index = await AnswerIndex.build(documents, external ? {} : { calibration: KNOWLEDGE_CALIBRATION });
  const buildMs = performance.now() - started;
  if (validation)
    index = index.withCalibration(calibrate(index, validation, { outOfScopeWeight }).calibration);

  const baseline = new FuseBaseline(documents);
  let baselineValidation = validation;
  if (!baselineValidation && !external)
    baselineValidation = await readQuestionsJsonl(OUR_VALIDATION).catch(() => undefined);
  if (baselineValidation) baselineValidation = evenSample(baselineValidation, baselineMax);
  const thresholdsForBaseline = baselineValidation
    ? baselineThresholds(baseline, baselineValidation, outOfScopeWeight)
    : () => DEFAULT_THRESHOLDS;

  const engineOutcomes: DecisionOutcome[] = [];
  const baselineRankings: RankedQuestion[] = [];
  const wrongs: Wrong[] = [];
  const rankedFirst = new Map<string, { right: number; total: number }>();
  const queryStarted = performance.now();
  for (const question of queries) {
    const result = index.answer(question.text, question.locale);
    const outcome = decisionOutcome(result.decision, result.ranking, result.alternatives);
    engineOutcomes.push(outcome);
    if (question.expect !== null) {
      const tally = rankedFirst.get(languageOf(question.locale)) ?? { right: 0, total: 0 };
      tally.total++;
      if (result.ranking[0]?.document.id === question.expect) tally.right++;
      rankedFirst.set(languageOf(question.locale), tally);
    }
    const right =
      question.expect === null ? outcome.decision === 'none' : isTop1Correct(question.expect, outcome);
    if (!right) {
      wrongs.push({
        text: question.text,
        locale: question.locale,
        expected: question.expect,
        got: result.ranking[0]?.document.id ?? null,
        decision: result.decision,
        score: Math.round(result.score * 1000) / 1000,
      });
    }
  }
  const perQueryMs = (performance.now() - queryStarted) / Math.max(1, queries.length);
  const baselineQueries = new Set(evenSample(queries, baselineMax));
  const baselineSampled = baselineQueries.size < queries.length;
  for (const question of queries)
    baselineRankings.push(
      baselineQueries.has(question) ? baseline.rank(question) : { expect: null, ranking: [] },
    );

  const languages = [...new Set(queries.map((question) => languageOf(question.locale)))].sort();
  const summary: Record<string, DecisionMetrics & { baseline: DecisionMetrics }> = {};
  for (const language of languages) {
    const picks = queries.flatMap((question, i) => (languageOf(question.locale) === language ? [i] : []));
    const engine = measureDecisions(
      picks.map((i) => queries[i] as LabeledQuestion),
      picks.map((i) => engineOutcomes[i] as DecisionOutcome),
    );
    const baselinePicks = picks.filter((i) => baselineQueries.has(queries[i] as LabeledQuestion));
    const fuse = measureDecisions(
      baselinePicks.map((i) => queries[i] as LabeledQuestion),
      baselinePicks.map((i) => {
        const ranked = baselineRankings[i] as RankedQuestion;
        return outcomeFor(ranked.ranking, thresholdsForBaseline(language));
      }),
    );
    summary[language] = { ...engine, baseline: fuse };
  }

  console.log(`articles: ${documents.length} (${external ? args.articles : 'knowledge/articles'})`);
  console.log(`queries:  ${queries.length} (${queriesFile}${args.split ? ', second half by hash' : ''})`);
  console.log(`calibrated on: ${validationName}`);
  console.log(`index build ${buildMs.toFixed(0)} ms; ${perQueryMs.toFixed(2)} ms per question (mean)`);
  if (baselineSampled) {
    console.log(
      `fuse baseline: measured on ${baselineQueries.size} evenly spread questions (fuse.js is slow on large sets)`,
    );
  }
  console.log('top-1 counts a direct answer with the expected article, or a "clarify" that offers it first;');
  console.log('an out-of-scope question counts as handled only when the decision is "none".\n');
  console.log(
    'locale  system    in-scope top-1  oos recall   answer  clarify  none  wrong-answer   n(in/oos)',
  );
  for (const language of languages) {
    const figures = summary[language];
    if (!figures) continue;
    for (const [name, metrics] of [
      ['engine', figures],
      ['fuse', figures.baseline],
    ] as const) {
      console.log(
        `${language.padEnd(7)} ${name.padEnd(9)} ${pct(metrics.inScopeTop1).padStart(14)} ${pct(metrics.oosRecall).padStart(11)}` +
          `   ${pct(metrics.answerRate)}  ${pct(metrics.clarifyRate)} ${pct(metrics.noneRate)}  ${pct(metrics.wrongAnswerRate).padStart(12)}` +
          `   ${metrics.inScopeN}/${metrics.oosN}`,
      );
    }
  }
  const rankingLine = [...rankedFirst].map(
    ([language, tally]) => `${language} ${pct(tally.right / tally.total).trim()}`,
  );
  console.log(`\nengine ranking alone (best candidate, whatever the decision): ${rankingLine.join(', ')}`);
  console.log(
    `\nquestions the engine got wrong: ${wrongs.length}${wrongs.length > errorLimit ? ` (first ${errorLimit})` : ''}`,
  );
  for (const wrong of wrongs.slice(0, errorLimit)) {
    console.log(
      `  [${wrong.locale}] ${JSON.stringify(wrong.text)}  expected=${wrong.expected ?? 'none'} got=${wrong.got ?? '-'} ` +
        `decision=${wrong.decision} score=${wrong.score}`,
    );
  }
  console.log('');
  console.log(JSON.stringify(summary));
}

await command.run(main);
