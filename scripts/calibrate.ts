/**
 * Chooses the answer engine's confidence weights and answer/clarify/none thresholds on a
 * validation file and writes them as JSON next to the engine.
 *
 *   tsx scripts/calibrate.ts
 *     our articles (knowledge/articles), knowledge/eval/validation.jsonl → knowledge/engine/thresholds.json
 *   tsx scripts/calibrate.ts --articles FILE.jsonl --validation FILE.jsonl --out FILE.json
 *     [--oos-target 0.95] [--wrong-limit 0.02] [--absent-share 0.33]
 *
 * The out-of-scope target is 0.95 here (the library's default is 0.9): the product's target is 95 %
 * of out-of-scope questions unanswered, near-domain ones included, and validation.jsonl's
 * near-domain questions are where that is measured.
 *
 * Reproducible: the same articles and validation file give the same file, byte for byte.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnswerIndex } from '../knowledge/engine/answerIndex.js';
import { calibrate, DEFAULT_CALIBRATION_OPTIONS } from '../knowledge/engine/calibration.js';
import { readDocuments, readQuestionsJsonl, sha256OfFile } from './lib/benchFiles.js';
import { CommandLine } from './lib/commandLine.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Share of validation.jsonl's out-of-scope questions that must get "none" (see the header). */
const OUT_OF_SCOPE_TARGET = 0.95;

const command = new CommandLine(
  'calibrate',
  'usage: npm run calibrate -- [--articles FILE.jsonl] [--validation FILE.jsonl] [--out FILE.json] [--oos-target 0.95] [--wrong-limit 0.02] [--absent-share 0.33]',
);
const args = command.options({
  articles: { type: 'string' },
  validation: { type: 'string', default: path.join(REPO_ROOT, 'knowledge/eval/validation.jsonl') },
  out: { type: 'string', default: path.join(REPO_ROOT, 'knowledge/engine/thresholds.json') },
  'oos-target': { type: 'string', default: String(OUT_OF_SCOPE_TARGET) },
  'wrong-limit': { type: 'string', default: String(DEFAULT_CALIBRATION_OPTIONS.wrongAnswerLimit) },
  'absent-share': { type: 'string', default: String(DEFAULT_CALIBRATION_OPTIONS.absentArticleShare) },
});
const outOfScopeTarget = command.number('oos-target', args['oos-target'], 0, 1);
const wrongAnswerLimit = command.number('wrong-limit', args['wrong-limit'], 0, 1);
const absentArticleShare = command.number('absent-share', args['absent-share'], 0, 1);

function relative(file: string): string {
  const relativePath = path.relative(REPO_ROOT, path.resolve(file));
  return relativePath.split(path.sep).join('/');
}

async function main(): Promise<void> {
  const documents = await readDocuments(args.articles);
  const validation = await readQuestionsJsonl(args.validation);
  const index = await AnswerIndex.build(documents);
  const report = calibrate(index, validation, { outOfScopeTarget, wrongAnswerLimit, absentArticleShare });
  const output = {
    ...report.calibration,
    source: {
      articles: args.articles ? relative(args.articles) : 'knowledge/articles',
      articleCount: documents.length,
      validation: relative(args.validation),
      validationSha256: await sha256OfFile(args.validation),
      validationQuestions: validation.length,
      outOfScopeTarget,
      wrongAnswerLimit,
      absentArticleShare,
      metricsOnValidation: report.metrics,
    },
  };
  await writeFile(args.out, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${relative(args.out)}`);
  for (const [language, metrics] of Object.entries(report.metrics)) {
    const thresholds = (report.calibration.locales[language] ?? report.calibration.default).thresholds;
    console.log(
      `${language.padEnd(4)} in-scope top-1 ${(metrics.inScopeTop1 * 100).toFixed(1)}%  oos recall ${(metrics.oosRecall * 100).toFixed(1)}%` +
        `  thresholds answer=${thresholds.answer.toFixed(3)} clarify=${thresholds.clarify.toFixed(3)} margin=${thresholds.margin}` +
        (thresholds.lead === undefined ? '' : ` lead=${thresholds.lead}`) +
        `  (${metrics.inScopeN} in scope, ${metrics.oosN} out of scope)` +
        (metrics.absentArticleRecall === undefined
          ? ''
          : `  none with the article taken away ${(metrics.absentArticleRecall * 100).toFixed(1)}%`),
    );
  }
}

await command.run(main);
