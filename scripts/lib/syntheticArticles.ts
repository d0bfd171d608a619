import { seededRandom } from '../../knowledge/engine/linearClassifier.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';

/**
 * Plausible, varied articles for benchmarks, generated deterministically from a seed: a large
 * vocabulary of pronounceable words drawn with a Zipf-like law (a few very common words, a long
 * tail), each article with topic words that recur in its title, questions and body, half in
 * English and half in Spanish, with real function words so the stop-word lists have work to do.
 */

const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'tis',
  'an',
  'ven',
  'dor',
  'pa',
  'ri',
  'sol',
  'ten',
  'bra',
  'cu',
  'del',
  'fi',
  'gar',
  'ho',
  'ix',
  'jen',
  'ku',
  'lam',
  'mo',
  'nes',
  'or',
  'pul',
  'quin',
  'ra',
  'sen',
  'tor',
  'ul',
  'vi',
  'wes',
];
const ENGLISH_FUNCTION_WORDS = [
  'how',
  'do',
  'i',
  'my',
  'the',
  'a',
  'to',
  'can',
  'what',
  'is',
  'for',
  'with',
  'when',
  'where',
];
const SPANISH_FUNCTION_WORDS = [
  'cómo',
  'puedo',
  'mi',
  'el',
  'la',
  'de',
  'para',
  'qué',
  'es',
  'con',
  'cuándo',
  'dónde',
  'un',
  'una',
];

function buildVocabulary(size: number, random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Picks ranks with probability ∝ 1 / (rank + 10): common words are common, the tail is long. */
function zipfPicker(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank++) {
    total += 1 / (rank + 10);
    cumulative[rank] = total;
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

export function generateArticles(count: number, seed: number): IndexDocument[] {
  const random = seededRandom(seed);
  const vocabulary = buildVocabulary(20_000, random);
  const pick = zipfPicker(vocabulary.length, random);
  const word = (): string => vocabulary[pick()] as string;
  const articles: IndexDocument[] = [];
  for (let i = 0; i < count; i++) {
    const locale = i % 2 === 0 ? 'en' : 'es';
    const functionWords = locale === 'en' ? ENGLISH_FUNCTION_WORDS : SPANISH_FUNCTION_WORDS;
    const topic = Array.from(
      { length: 4 },
      () => vocabulary[Math.floor(random() * vocabulary.length)] as string,
    );
    const phrase = (length: number, topicShare: number): string =>
      Array.from({ length }, () => {
        const roll = random();
        if (roll < topicShare) return topic[Math.floor(random() * topic.length)] as string;
        if (roll < topicShare + 0.3)
          return functionWords[Math.floor(random() * functionWords.length)] as string;
        return word();
      }).join(' ');
    articles.push({
      id: `synthetic-${i}`,
      locale,
      title: phrase(4 + Math.floor(random() * 4), 0.5),
      questions: Array.from({ length: 6 + Math.floor(random() * 8) }, () =>
        phrase(5 + Math.floor(random() * 6), 0.35),
      ),
      answer: phrase(30, 0.2),
      body: Array.from(
        { length: 4 + Math.floor(random() * 6) },
        () => `${phrase(12 + Math.floor(random() * 10), 0.15)}.`,
      ).join(' '),
      tags: topic.slice(0, 2),
      synonyms: [phrase(2, 0.5)],
    });
  }
  return articles;
}

/** Benchmark questions: mostly an article's question reworded (a word dropped, a typo), some off topic. */
export function generateQuestions(
  articles: readonly IndexDocument[],
  count: number,
  seed: number,
): { text: string; locale: string }[] {
  const random = seededRandom(seed);
  const questions: { text: string; locale: string }[] = [];
  for (let i = 0; i < count; i++) {
    const article = articles[Math.floor(random() * articles.length)] as IndexDocument;
    const source = article.questions[Math.floor(random() * article.questions.length)] ?? article.title;
    const words = source.split(' ');
    if (random() < 0.3) {
      // Off topic: words from several other articles.
      const mixed = Array.from({ length: 6 }, () => {
        const other = articles[Math.floor(random() * articles.length)] as IndexDocument;
        const otherWords = other.title.split(' ');
        return otherWords[Math.floor(random() * otherWords.length)] as string;
      });
      questions.push({ text: mixed.join(' '), locale: article.locale });
      continue;
    }
    if (words.length > 3) words.splice(Math.floor(random() * words.length), 1);
    const typoAt = Math.floor(random() * words.length);
    const target = words[typoAt] ?? '';
    if (target.length > 4) words[typoAt] = target.slice(0, 2) + target.slice(3);
    questions.push({ text: words.join(' '), locale: article.locale });
  }
  return questions;
}
