/**
 * `npm run privacy:corpus`: how well personal data masking does on the corpus of phrasings
 * (test/privacy/personalDataCorpus.ts): recall and precision per kind of data, and the numbers
 * that must stay (form numbers, dates, fees, ZIP codes) that a mask touched. Exit code 1 when
 * anything was missed or a number that must stay was masked.
 */
import { KINDS, scoreMasking } from '../test/privacy/maskingScore.js';
import { PERSONAL_DATA_CORPUS } from '../test/privacy/personalDataCorpus.js';

const score = scoreMasking(PERSONAL_DATA_CORPUS);
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

console.log(
  `Corpus: ${score.cases} phrasings (${score.byLocale.en} English, ${score.byLocale.es} Spanish), ` +
    `${PERSONAL_DATA_CORPUS.reduce((sum, item) => sum + item.keep.length, 0)} numbers that must stay.\n`,
);
console.log('kind        expected  masked  recall    found  false+  precision');
for (const kind of KINDS) {
  const row = score.byKind[kind];
  console.log(
    `${kind.padEnd(10)}  ${String(row.expected).padStart(8)}  ${String(row.masked).padStart(6)}  ${percent(row.recall).padStart(7)}  ` +
      `${String(row.found).padStart(6)}  ${String(row.falsePositives).padStart(6)}  ${percent(row.precision).padStart(9)}`,
  );
}
console.log(`\nNumbers that must stay but were masked: ${score.keptNumbersMasked.length}`);
for (const item of score.keptNumbersMasked) console.log(`  "${item.value}" in: ${item.text}`);
if (score.missed.length > 0) {
  console.log(`\nMissed (${score.missed.length}):`);
  for (const item of score.missed) console.log(`  ${item.kind} "${item.value}" in: ${item.text}`);
}
if (score.spurious.length > 0) {
  console.log(`\nMasked but not personal (${score.spurious.length}):`);
  for (const item of score.spurious) console.log(`  as ${item.kind}: "${item.matched}" in: ${item.text}`);
}
process.exitCode = score.missed.length > 0 || score.keptNumbersMasked.length > 0 ? 1 : 0;
