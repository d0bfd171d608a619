/**
 * Measures short-message language detection: how often the assistant's detector names the right
 * language of 1-4-word visitor messages in English and in Spanish (a labelled set written for this,
 * test/assistant/testData/shortMessageLanguages.jsonl, not taken from the evaluation set), and how
 * often it leaves alone the messages that tell no language (receipt numbers, names, "ok"). Prints
 * the same figures for franc alone (the trigram model the detector used before) as a baseline.
 *
 *   npm run eval:language [-- --messages FILE]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { francAll } from 'franc-min';
import { LanguageDetector } from '../bot/assistant/languageDetector.js';
import { Phrasebook } from '../bot/assistant/phrasebook.js';
import { createI18n } from '../bot/i18n/i18n.js';
import type { Locale } from '../contracts/locale.js';
import { CommandLine } from './lib/commandLine.js';
import { languageAccuracy, readLabelledMessages, type LanguageAccuracy } from './lib/languageAccuracy.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const command = new CommandLine('eval:language', 'usage: npm run eval:language -- [--messages FILE]');
const args = command.options({
  messages: {
    type: 'string',
    default: path.resolve(REPO_ROOT, 'test/assistant/testData/shortMessageLanguages.jsonl'),
  },
});

/** franc restricted to English and Spanish, with no threshold: the plain trigram baseline. */
function francGuess(text: string): Locale | undefined {
  const [best] = francAll(text, { only: ['eng', 'spa'], minLength: 1 });
  return best?.[0] === 'eng' ? 'en' : best?.[0] === 'spa' ? 'es' : undefined;
}

function line(name: string, result: LanguageAccuracy): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  const sizes = [1, 2, 3, 4].map((size) => percent(result.byWords[size]?.accuracy ?? 0)).join('');
  return `${name.padEnd(22)}${percent(result.accuracy.en)}${percent(result.accuracy.es)}${sizes}${percent(result.abstention)}\n`;
}

async function main(): Promise<void> {
  const messages = await readLabelledMessages(path.resolve(args.messages));
  const detector = new LanguageDetector({ phrasebook: new Phrasebook(await createI18n()) });
  const current = languageAccuracy(messages, (text) => detector.identify(text)?.locale);
  const baseline = languageAccuracy(messages, francGuess);
  const sizes = [1, 2, 3, 4].map((size) => current.byWords[size]?.count ?? 0);
  process.stdout.write(
    `${messages.length} messages: ${current.count.en} English, ${current.count.es} Spanish, ` +
      `${current.abstentionCount} that tell no language; by words ${sizes.join('/')}\n\n`,
  );
  process.stdout.write(`${''.padEnd(22)}     en     es 1 word2 words3 words4 words  no-lang\n`);
  process.stdout.write(line('detector (identify)', current));
  process.stdout.write(line('franc alone (en/es)', baseline));
  if (current.wrong.length > 0) {
    process.stdout.write(`\nDetector wrong (${current.wrong.length}):\n`);
    for (const wrong of current.wrong)
      process.stdout.write(
        `  expected ${wrong.expected ?? '(none)'}, got ${wrong.got ?? '(none)'}: ${wrong.text}\n`,
      );
  }
  process.stdout.write(
    `\n${JSON.stringify({ detector: current.accuracy, abstention: current.abstention, franc: baseline.accuracy })}\n`,
  );
}

await command.run(main);
