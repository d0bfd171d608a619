import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../contracts/locale.js';

/** A short visitor message and the language it is written in (null: it tells no language). */
export interface LabelledMessage {
  text: string;
  locale: Locale | null;
}

const labelledMessageSchema = z.object({ text: z.string().min(1), locale: z.enum(LOCALES).nullable() });

/** Reads a JSONL file of `{"text", "locale": "en" | "es" | null}` lines. */
export async function readLabelledMessages(file: string): Promise<LabelledMessage[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = labelledMessageSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export interface LanguageAccuracy {
  /** Share of each language's messages identified as that language. */
  accuracy: Record<Locale, number>;
  count: Record<Locale, number>;
  /** Share of the messages that tell no language left without a guess. */
  abstention: number;
  abstentionCount: number;
  /** Accuracy by word count (1 to 4), both languages together. */
  byWords: Record<number, { accuracy: number; count: number }>;
  wrong: { text: string; expected: Locale | null; got: Locale | undefined }[];
}

function words(text: string): number {
  return text.trim().split(/\s+/).length;
}

/** How often `identify` names the right language on the labelled messages. */
export function languageAccuracy(
  messages: readonly LabelledMessage[],
  identify: (text: string) => Locale | undefined,
): LanguageAccuracy {
  const hits: Record<Locale, number> = { en: 0, es: 0 };
  const count: Record<Locale, number> = { en: 0, es: 0 };
  const byWords: Record<number, { hits: number; count: number }> = {};
  let abstained = 0;
  let neutral = 0;
  const wrong: LanguageAccuracy['wrong'] = [];
  for (const message of messages) {
    const got = identify(message.text);
    if (message.locale === null) {
      neutral += 1;
      if (got === undefined) abstained += 1;
      else wrong.push({ text: message.text, expected: null, got });
      continue;
    }
    const size = Math.min(words(message.text), 4);
    const bucket = (byWords[size] ??= { hits: 0, count: 0 });
    count[message.locale] += 1;
    bucket.count += 1;
    if (got === message.locale) {
      hits[message.locale] += 1;
      bucket.hits += 1;
    } else wrong.push({ text: message.text, expected: message.locale, got });
  }
  const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000);
  return {
    accuracy: { en: ratio(hits.en, count.en), es: ratio(hits.es, count.es) },
    count,
    abstention: ratio(abstained, neutral),
    abstentionCount: neutral,
    byWords: Object.fromEntries(
      Object.entries(byWords).map(([size, bucket]) => [
        size,
        { accuracy: ratio(bucket.hits, bucket.count), count: bucket.count },
      ]),
    ),
    wrong,
  };
}
